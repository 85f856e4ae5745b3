package io.kycvault.lifecycle.application;

import io.kycvault.casefile.model.CaseChange;
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
     * intent-named factories below (the fields are what the adapter writes). The retention clock is not
     * among them: it starts from the change's {@link io.kycvault.casefile.model.CaseEvent.RelationshipEnded}
     * ({@link RetentionClockStarts}).
     */
    record Change(Boolean expiringEventPending, Boolean leaveRatingIndex, String legalHold, boolean clearLegalHold,
            Boolean processingRestricted, Instant erasureRequestedAt, boolean releaseApplicant, boolean purgePersonalData) {

        /** Only the case and its audit record (an act recorded, e.g. a proposal awaiting a second officer). */
        public static Change none() {
            return new Change(null, null, null, false, null, null, false, false);
        }

        public static Change legalHoldPlaced(String reason) {
            return new Change(null, null, reason, false, null, null, false, false);
        }

        public static Change legalHoldReleased() {
            return new Change(null, null, null, true, null, null, false, false);
        }

        /** Two officers ended the relationship: the case leaves the rating index, the applicant may open a new case. */
        public static Change offboarded() {
            return new Change(null, true, null, false, null, null, true, false);
        }

        /** The rating expired and its grace passed without renewal: the case leaves the rating index. */
        public static Change relationshipEndedByExpiry() {
            return new Change(null, true, null, false, null, null, false, false);
        }

        /** The rating is about to expire: the "expiring" event is to be published. */
        public static Change expiringEventDue() {
            return new Change(true, null, null, false, null, null, false, false);
        }

        public static Change expiringEventPublished() {
            return new Change(false, null, null, false, null, null, false, false);
        }

        /** The case leaves the rating index (expired, or superseded by a renewal). */
        public static Change ratingIndexLeft() {
            return new Change(false, true, null, false, null, null, false, false);
        }

        /**
         * The applicant asked for erasure during retention: processing is restricted until the retention
         * ends, the applicant is released (the change also ends the relationship if it had not ended).
         */
        public static Change erasureRequested(Instant requestedAt) {
            return new Change(null, null, null, false, true, requestedAt, true, false);
        }

        /** The case is purged: personal data and evidence gone, out of every index. */
        public static Change purged() {
            return new Change(false, true, null, false, null, null, true, true);
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

    /** Writes {@code transition} (with the parts its events imply) and {@code change}, if the case is still as read. */
    void change(LifecycleFile expected, CaseChange transition, Change change);

    /** Removes every item of the case but the case item and its audit records. */
    int deleteCaseData(String caseId);

    List<LifecycleFile> pendingErasuresAndHolds();

    /** Takes the job lease; false while another run holds it. */
    boolean acquireLease(String holder, Instant now, Instant until);

    void releaseLease(String holder);
}
