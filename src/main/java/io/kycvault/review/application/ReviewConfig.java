package io.kycvault.review.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Period;
import java.util.Set;

@ConfigMapping(prefix = "kyc.review")
public interface ReviewConfig {

    /** Reason codes an approval may carry. */
    @WithDefault("IDENTITY_VERIFIED,ADDRESS_VERIFIED,FUNDS_VERIFIED,PEP_SCREENED_CLEAR,SANCTIONS_SCREENED_CLEAR")
    Set<String> approveReasons();

    @WithDefault("DOCUMENT_FORGED,IDENTITY_MISMATCH,SANCTIONS_HIT,PEP_UNACCEPTABLE_RISK,SOURCE_OF_FUNDS_UNEXPLAINED,"
            + "HIGH_RISK_JURISDICTION,FRAUD_SUSPECTED")
    Set<String> rejectReasons();

    @WithDefault("DOCUMENT_UNREADABLE,DOCUMENT_EXPIRED,DOCUMENT_INCOMPLETE,NAME_MISMATCH,ADDRESS_TOO_OLD,"
            + "FUNDS_EVIDENCE_INSUFFICIENT,WRONG_DOCUMENT_TYPE")
    Set<String> resubmissionReasons();

    /** Validity of a rating when the approver does not name an expiry. */
    @WithDefault("P365D")
    Period defaultRatingValidity();

    /** Longest rating validity an approver may grant. */
    @WithDefault("P1095D")
    Period maxRatingValidity();

    @WithDefault("PT30M")
    Duration leaseDuration();

    /** Lifetime of a document link; capped at 60 seconds. */
    @WithDefault("PT60S")
    Duration documentLinkTtl();

    @WithDefault("50")
    int maxPageSize();

    /** The review's service level: a case is due this long after its latest (re)submission, overdue after that. */
    @WithDefault("P3D")
    Duration serviceLevel();

    /** How many cases one reviewer may hold (live leases) at once; a claim beyond is refused (CLAIM_LIMIT_REACHED). */
    @WithDefault("5")
    int maxCasesPerReviewer();

    /** The registration FIFO queue: a queue URL, or a queue name resolved at first use. */
    String registrationQueue();
}
