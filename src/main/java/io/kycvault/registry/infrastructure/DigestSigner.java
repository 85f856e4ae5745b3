package io.kycvault.registry.infrastructure;

/**
 * Something that holds a secp256k1 private key and signs 32-byte digests, answering like AWS KMS:
 * a DER-encoded ECDSA signature (s not normalised) and the public key as DER SubjectPublicKeyInfo.
 */
public interface DigestSigner {

    byte[] signDigest(byte[] digest);

    byte[] publicKeyDer();
}
