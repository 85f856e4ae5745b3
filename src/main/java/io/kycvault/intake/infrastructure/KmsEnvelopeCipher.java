package io.kycvault.intake.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.intake.application.PersonalDataCipher;
import io.kycvault.intake.model.PersonalData;
import io.kycvault.intake.model.SealedPersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

/**
 * Envelope encryption: KMS generates a fresh AES-256 data key per case, bound to the case id as
 * encryption context; the personal data is sealed locally with AES-GCM (the case id as associated
 * data too), and only the KMS-wrapped data key is kept. Destroying the wrapped key shreds the data.
 */
@ApplicationScoped
public class KmsEnvelopeCipher implements PersonalDataCipher {

    private static final String CONTEXT_KEY = "caseId";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte FORMAT_V1 = 1;

    private final KmsClient kms;
    private final KmsKeys keys;
    private final ObjectMapper json;
    private final SecureRandom random = new SecureRandom();

    public KmsEnvelopeCipher(KmsClient kms, KmsKeys keys, ObjectMapper json) {
        this.kms = kms;
        this.keys = keys;
        this.json = json;
    }

    @Override
    public SealedPersonalData seal(String caseId, PersonalData data) {
        var dataKey = kms.generateDataKey(r -> r.keyId(keys.personalDataKeyArn()).keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of(CONTEXT_KEY, caseId)));
        byte[] plainKey = dataKey.plaintext().asByteArray();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(plainKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(caseId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(data));
            byte[] out = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
            return new SealedPersonalData(out, dataKey.ciphertextBlob().asByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("sealing personal data failed", e);
        } finally {
            Arrays.fill(plainKey, (byte) 0);
        }
    }

    @Override
    public PersonalData open(String caseId, SealedPersonalData sealed) {
        byte[] plainKey = kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(sealed.wrappedDataKey()))
                .keyId(keys.personalDataKeyArn())
                .encryptionContext(Map.of(CONTEXT_KEY, caseId))).plaintext().asByteArray();
        try {
            ByteBuffer in = ByteBuffer.wrap(sealed.ciphertext());
            if (in.get() != FORMAT_V1) {
                throw new IllegalStateException("unknown personal data format");
            }
            byte[] nonce = new byte[NONCE_BYTES];
            in.get(nonce);
            byte[] body = new byte[in.remaining()];
            in.get(body);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(plainKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(caseId.getBytes(StandardCharsets.UTF_8));
            return json.readValue(cipher.doFinal(body), PersonalData.class);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("opening personal data failed", e);
        } finally {
            Arrays.fill(plainKey, (byte) 0);
        }
    }
}
