package io.kycvault.lifecycle.application;

import io.kycvault.audit.model.AuditRecord;
import io.kycvault.intake.model.KycCase;
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

    /** Changes besides the case's own fields, written with it in one conditional transaction. */
    record Change(Instant relationshipEndedAt, Instant retentionEndsAt, Boolean expiringEventPending, Boolean leaveRatingIndex,
            String legalHold, boolean clearLegalHold, Boolean processingRestricted, Instant erasureRequestedAt,
            boolean releaseApplicant, boolean purgePersonalData) {

        public static Change none() {
            return new Change(null, null, null, null, null, false, null, null, false, false);
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
