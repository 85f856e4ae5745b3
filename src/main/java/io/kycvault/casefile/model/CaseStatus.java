package io.kycvault.casefile.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The life of a KYC case. Transitions not listed here are refused by {@link #canMoveTo}. */
public enum CaseStatus {
    DRAFT,
    IN_REVIEW,
    PENDING_SECOND_APPROVAL,
    PENDING_SECOND_REJECTION,
    RESUBMISSION_REQUESTED,
    APPROVED,
    REGISTERED,
    REJECTED,
    EXPIRING,
    EXPIRED,
    ERASED;

    private static final Map<CaseStatus, Set<CaseStatus>> NEXT = Map.ofEntries(
            Map.entry(DRAFT, EnumSet.of(IN_REVIEW, ERASED)),
            // Any case may end as ERASED: at the end of its retention period, or at once for a draft.
            Map.entry(IN_REVIEW, EnumSet.of(PENDING_SECOND_APPROVAL, PENDING_SECOND_REJECTION, RESUBMISSION_REQUESTED, ERASED)),
            Map.entry(PENDING_SECOND_APPROVAL, EnumSet.of(APPROVED, IN_REVIEW, PENDING_SECOND_APPROVAL,
                    PENDING_SECOND_REJECTION, RESUBMISSION_REQUESTED, ERASED)),
            Map.entry(PENDING_SECOND_REJECTION, EnumSet.of(REJECTED, IN_REVIEW, PENDING_SECOND_APPROVAL,
                    PENDING_SECOND_REJECTION, RESUBMISSION_REQUESTED, ERASED)),
            Map.entry(RESUBMISSION_REQUESTED, EnumSet.of(IN_REVIEW, ERASED)),
            Map.entry(APPROVED, EnumSet.of(REGISTERED, ERASED)),
            Map.entry(REGISTERED, EnumSet.of(EXPIRING, EXPIRED, ERASED)),
            Map.entry(EXPIRING, EnumSet.of(EXPIRED, REGISTERED, ERASED)),
            Map.entry(EXPIRED, EnumSet.of(ERASED)),
            Map.entry(REJECTED, EnumSet.of(ERASED)),
            Map.entry(ERASED, EnumSet.noneOf(CaseStatus.class)));

    public boolean canMoveTo(CaseStatus next) {
        return NEXT.get(this).contains(next);
    }

    /**
     * The applicant may still add documents. During review a new document changes the evidence, which
     * voids a pending first vote (see the review capability's four-eyes rule).
     */
    public boolean acceptsUploads() {
        return this == DRAFT || this == RESUBMISSION_REQUESTED || this == IN_REVIEW || this == PENDING_SECOND_APPROVAL
                || this == PENDING_SECOND_REJECTION;
    }

    /** A reviewer may still work on the case. */
    public boolean isUnderReview() {
        return this == IN_REVIEW || this == PENDING_SECOND_APPROVAL || this == PENDING_SECOND_REJECTION;
    }
}
