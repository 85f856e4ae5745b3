package io.kycvault.intake.model;

/**
 * Where a document is on its way to a reviewer. The upload function settles the structure
 * ({@code AWAITING_UPLOAD} → {@code AWAITING_SCAN} or {@code REJECTED}); the malware scan result of
 * the same S3 object version decides the rest. Only {@code VERIFIED} is reviewable.
 */
public enum DocumentStatus {
    /** A presigned URL was issued; no object has been judged yet. */
    AWAITING_UPLOAD,
    /** The object passed the structural checks; its malware scan result has not arrived. */
    AWAITING_SCAN,
    /** Structurally verified and scanned {@code NO_THREATS_FOUND}, this exact version: reviewable. */
    VERIFIED,
    /** Refused by the structural checks or by a scan that could not vouch for it. */
    REJECTED,
    /** The scanner found a threat: kept for compliance only, never shown to a reviewer. */
    QUARANTINED;

    /** The upload function has judged the object (or a threat settled it before). */
    public boolean isSettled() {
        return this != AWAITING_UPLOAD;
    }

    /** Nothing but a threat found later changes it. */
    public boolean isFinal() {
        return this == VERIFIED || this == REJECTED || this == QUARANTINED;
    }
}
