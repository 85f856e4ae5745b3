package io.kycvault.audit.infrastructure;

import io.kycvault.audit.application.IdentifierDigests;
import io.kycvault.audit.model.IdentifierDigest;
import java.util.HexFormat;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/** HMAC-SHA-256 by KMS ({@code GenerateMac}) with the HMAC_256 key the template names IdentifierDigestKey. */
class KmsIdentifierDigests implements IdentifierDigests {

    private final KmsClient kms;
    private final String key;

    KmsIdentifierDigests(KmsClient kms, String key) {
        this.kms = kms;
        this.key = key;
    }

    @Override
    public String digest(IdentifierDigest.Kind kind, String value) {
        byte[] mac = kms.generateMac(r -> r.keyId(key).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromByteArray(IdentifierDigest.message(kind, value)))).mac().asByteArray();
        return HexFormat.of().formatHex(mac);
    }
}
