package io.kycvault.audit.application;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "kyc.audit")
public interface AuditConfig {

    /** KMS ECC_NIST_P256 key the review function signs each vote with (ARN, or an alias on the laptop). */
    String decisionKey();

    /** KMS ECC_NIST_P256 key the checkpoint function signs each checkpoint with. */
    String checkpointKey();

    /** Bucket under Object Lock (compliance mode) that keeps the signed checkpoints. */
    String checkpointBucket();

    /**
     * KMS HMAC_256 key for the keyed digests that stand in the table for wallet addresses and
     * investor IDs (audit details, the registry's lineage item).
     */
    String digestKey();
}
