package io.kycvault.intake.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Set;

@ConfigMapping(prefix = "kyc.intake")
public interface IntakeConfig {

    /** Documents bucket name. */
    String bucket();

    /** KMS key (ARN or alias) that every document must be encrypted with. */
    String documentsKey();

    /** KMS key (ARN or alias) under which per-case data keys are generated. */
    String personalDataKey();

    /** Lifetime of a presigned upload URL; capped at five minutes. */
    @WithDefault("PT5M")
    Duration presignTtl();

    @WithDefault("10485760")
    long maxBytes();

    @WithDefault("20")
    int maxPresignsPerCase();

    @WithDefault("application/pdf,image/jpeg,image/png")
    Set<String> allowedContentTypes();

    @WithDefault("identity=PASSPORT|ID_CARD_FRONT+ID_CARD_BACK|DRIVING_LICENCE_FRONT+DRIVING_LICENCE_BACK,"
            + "proof-of-address=PROOF_OF_ADDRESS,proof-of-funds=PROOF_OF_FUNDS")
    List<String> requiredDocuments();

    @WithDefault("12000")
    int imageMaxSide();

    /**
     * How long a structurally verified document may wait for its malware scan result before it reads
     * as SCAN_OVERDUE (it stays not reviewable either way; a late clean result still makes it reviewable).
     */
    @WithDefault("PT30M")
    java.time.Duration scanTimeout();

    @WithDefault("80000000")
    long imageMaxPixels();

    /**
     * The upload notifications' queue (its URL in AWS, or its name): a notification that lost every
     * retry to the case's other writers is handed back to it after a short pause (ChangeMessageVisibility)
     * instead of after the queue's visibility timeout.
     */
    String uploadQueue();
}
