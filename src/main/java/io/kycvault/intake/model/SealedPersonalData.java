package io.kycvault.intake.model;

/**
 * Personal data after envelope encryption: AES-GCM ciphertext (nonce prepended) and the KMS-wrapped
 * data key that decrypts it, bound to the case id as encryption context.
 */
public record SealedPersonalData(byte[] ciphertext, byte[] wrappedDataKey) {
}
