package io.kycvault.audit.infrastructure;

import io.kycvault.audit.application.StatementSignatures;
import io.kycvault.shared.kms.KmsKeyArns;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * ECDSA_SHA_256 with a KMS ECC_NIST_P256 key: KMS signs (only for the role its key policy names);
 * verification is local against the public key, fetched once per process (kms:GetPublicKey).
 */
public class KmsStatementSignatures implements StatementSignatures.Decisions, StatementSignatures.Checkpoints {

    private final KmsClient kms;
    private final String configuredKey;
    private volatile String keyArn;
    private volatile PublicKey publicKey;

    public KmsStatementSignatures(KmsClient kms, String configuredKey) {
        this.kms = kms;
        this.configuredKey = configuredKey;
    }

    @Override
    public String sign(byte[] statement) {
        var signed = kms.sign(r -> r.keyId(keyArn()).message(SdkBytes.fromByteArray(statement)).messageType(MessageType.RAW)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
        return Base64.getEncoder().encodeToString(signed.signature().asByteArray());
    }

    @Override
    public boolean verify(byte[] statement, String signature) {
        if (signature == null || signature.isEmpty() || signature.length() > 200) {
            return false;
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(publicKey());
            ecdsa.update(statement);
            return ecdsa.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private PublicKey publicKey() throws GeneralSecurityException {
        if (publicKey == null) {
            byte[] der = kms.getPublicKey(r -> r.keyId(keyArn())).publicKey().asByteArray();
            publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        }
        return publicKey;
    }

    private String keyArn() {
        if (keyArn == null) {
            keyArn = KmsKeyArns.resolve(kms, configuredKey);
        }
        return keyArn;
    }
}
