package io.kycvault.lifecycle.application;

import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The lifecycle's view of cases: the rating, retention and draft indexes, holds, restrictions. */
public interface LifecycleStore {

    /** A case with what the lifecycle needs beside it. */
    record LifecycleFile(KycCase kycCase, Instant ratingExpiresAt, Instant relationshipEndedAt, Instant retentionEndsAt,
            String legalHold, boolean processingRestricted, Instant erasureRequestedAt, boolean expiringEventPending,
            String investorId, String registrationTx, boolean purged) {
    }

    /**
     * Changes besides the case's own fields, written with it in one conditional transaction. Made by the
     * intent-named factories below (the fields are what the adapter writes).
     */
    record Change(Instant relationshipEndedAt, Instant retentionEndsAt, Boolean expiringEventPending, Boolean leaveRatingIndex,
            String legalHold, boolean clearLegalHold, Boolean processingRestricted, Instant erasureRequestedAt,
            boolean releaseApplicant, boolean purgePersonalData) {

        /** Only the case and its audit record (an act recorded, e.g. a proposal awaiting a second officer). */
        public static Change none() {
            return new Change(null, null, null, null, null, false, null, null, false, false);
        }

        public static Change legalHoldPlaced(String reason) {
            return new Change(null, null, null, null, reason, false, null, null, false, false);
        }

        public static Change legalHoldReleased() {
            return new Change(null, null, null, null, null, true, null, null, false, false);
        }

        /** Two officers ended the relationship: the retention clock starts, the applicant may open a new case. */
        public static Change offboarded(io.kycvault.casefile.model.RetentionPolicy.RetentionClock clock) {
            return new Change(clock.relationshipEndedAt(), clock.retentionEndsAt(), null, true, null, false, null, null, true, false);
        }

        /** The rating expired and its grace passed without renewal: the retention clock starts. */
        public static Change relationshipEndedByExpiry(io.kycvault.casefile.model.RetentionPolicy.RetentionClock clock) {
            return new Change(clock.relationshipEndedAt(), clock.retentionEndsAt(), null, true, null, false, null, null, false, false);
        }

        /** The rating is about to expire: the "expiring" event is to be published. */
        public static Change expiringEventDue() {
            return new Change(null, null, true, null, null, false, null, null, false, false);
        }

        public static Change expiringEventPublished() {
            return new Change(null, null, false, null, null, false, null, null, false, false);
        }

        /** The case leaves the rating index (expired, or superseded by a renewal). */
        public static Change ratingIndexLeft() {
            return new Change(null, null, false, true, null, false, null, null, false, false);
        }

        /**
         * The applicant asked for erasure during retention: processing is restricted until the retention
         * ends (starting the clock now if the relationship had not ended), the applicant is released.
         */
        public static Change erasureRequested(Instant requestedAt, Instant relationshipEndedAt,
                io.kycvault.casefile.model.RetentionPolicy.RetentionClock clock) {
            return new Change(relationshipEndedAt == null ? clock.relationshipEndedAt() : null, clock.retentionEndsAt(),
                    null, null, null, false, true, requestedAt, true, false);
        }

        /** The case is purged: personal data and evidence gone, out of every index. */
        public static Change purged() {
            return new Change(null, null, false, true, null, false, null, null, true, true);
        }
    }

    Optional<LifecycleFile> load(String caseId);

    /** Cases whose rating expires at or before {@code until}, from the rating index. */
    List<String> ratingsExpiringBy(Instant until);

    /** Cases whose retention ends at or before {@code until}, from the retention index. */
    List<String> retentionEndedBy(Instant until);

    /** Drafts created at or before {@code until}, from the draft index. */
    List<String> draftsCreatedBy(Instant until);

    List<String> casesOf(String applicantId);

    void change(LifecycleFile expected, KycCase updated, Change change, AuditRecord record);

    /** Removes every item of the case but the case item and its audit records. */
    int deleteCaseData(String caseId);

    List<LifecycleFile> pendingErasuresAndHolds();

    /** Takes the job lease; false while another run holds it. */
    boolean acquireLease(String holder, Instant now, Instant until);

    void releaseLease(String holder);
}
