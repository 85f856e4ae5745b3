package io.kycvault.audit.application;

/** ECDSA P-256 signatures by one KMS key: made only by the role the key policy allows, checked by anyone. */
public interface StatementSignatures {

    /** Base64 of the DER signature over SHA-256 of {@code statement}. */
    String sign(byte[] statement);

    /** False for a missing, malformed or wrong signature. */
    boolean verify(byte[] statement, String signature);

    /** The review function's key: votes. */
    interface Decisions extends StatementSignatures {
    }

    /** The checkpoint function's key: audit checkpoints. */
    interface Checkpoints extends StatementSignatures {
    }
}
