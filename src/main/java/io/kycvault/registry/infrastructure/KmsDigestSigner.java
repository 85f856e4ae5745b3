package io.kycvault.registry.infrastructure;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * The chain signer in AWS: an {@code ECC_SECG_P256K1} key whose private half never leaves KMS. The
 * keccak-256 digest is signed as {@code MessageType=DIGEST} (KMS must not hash it again).
 */
public class KmsDigestSigner implements DigestSigner {

    private final KmsClient kms;
    private final String keyId;
    private volatile byte[] publicKey;

    public KmsDigestSigner(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public byte[] signDigest(byte[] digest) {
        return kms.sign(r -> r.keyId(keyId)
                .message(SdkBytes.fromByteArray(digest))
                .messageType(MessageType.DIGEST)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signature().asByteArray();
    }

    @Override
    public byte[] publicKeyDer() {
        if (publicKey == null) {
            publicKey = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
        }
        return publicKey.clone();
    }
}
