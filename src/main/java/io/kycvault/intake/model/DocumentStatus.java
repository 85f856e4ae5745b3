package io.kycvault.intake.model;

public enum DocumentStatus {
    /** A presigned URL was issued; no verified object yet. */
    AWAITING_UPLOAD,
    VERIFIED,
    REJECTED;

    public boolean isFinal() {
        return this != AWAITING_UPLOAD;
    }
}
