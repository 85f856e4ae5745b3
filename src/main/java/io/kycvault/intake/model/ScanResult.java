package io.kycvault.intake.model;

import java.util.Optional;

/**
 * A malware scanner's verdict on one object version: the result statuses of GuardDuty Malware
 * Protection for S3, which are also the values of the object tag {@code GuardDutyMalwareScanStatus}.
 * Only {@link #NO_THREATS_FOUND} lets a document be reviewed.
 */
public enum ScanResult {
    NO_THREATS_FOUND,
    THREATS_FOUND,
    /** The scanner skipped the object (e.g. a password-protected archive, or a size beyond its quota). */
    UNSUPPORTED,
    /** The scanner could not read the object (its role, or the object's KMS key). */
    ACCESS_DENIED,
    FAILED;

    public static Optional<ScanResult> parse(String raw) {
        for (ScanResult r : values()) {
            if (r.name().equals(raw)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
