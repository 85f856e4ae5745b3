package io.kycvault.review.application;

import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.review.model.Lease;
import io.kycvault.review.model.ReviewFile;
import io.kycvault.review.model.ReviewerClaims;
import io.kycvault.review.model.Vote;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Review state lives on the case item; decisions are immutable items beside it. Every write is
 * one transaction conditional on the audit sequence that was read (see {@code CaseStore}).
 */
public interface ReviewStore {

    Optional<ReviewFile> load(String caseId);

    /** One page of the review queue, oldest first, from the queue index. */
    QueuePage queue(String status, String country, int limit, Map<String, String> cursor);

    /**
     * A case in the queue index; {@code submittedAt} is the latest (re)submission (null for a case queued before
     * it was recorded), {@code leaseHolder}/{@code leaseUntil} the last lease, live or not (null when released).
     */
    record QueueEntry(String caseId, String applicantId, String status, String country, String createdAt, String updatedAt,
            String submittedAt, String leaseHolder, String leaseUntil) {
    }

    /** The leases {@code reviewer} holds, read consistently (for the claim cap). */
    ReviewerClaims claimsOf(String reviewer);

    record QueuePage(List<QueueEntry> entries, Map<String, String> nextCursor) {
    }

    /**
     * A vote and what it does to the case, written together.
     *
     * @param firstVote the pending first vote after this vote, or null when none is pending
     * @param registration the outbox entry of a completed approval, or null
     * @param approvedRating the rating granted by a completed approval, or null
     */
    record VoteChange(Vote vote, Vote firstVote, RegistrationRequest registration, ApprovedRating approvedRating) {
    }

    record ApprovedRating(String approvalId, int rating, java.time.Instant expiresAt) {
    }

    /**
     * Writes a new or renewed lease with an audit record and the reviewer's claims as read; throws
     * {@code CaseFiles.ConcurrentChange} if the case moved on or another claim of the same reviewer (new
     * or renewed) was written since {@code claims} was read.
     */
    void claim(ReviewFile expected, KycCase updated, Lease lease, ReviewerClaims claims, AuditRecord record);

    /** Releases the case's lease (held by {@code expected.lease().reviewer()}) with an audit record. */
    void release(ReviewFile expected, KycCase updated, AuditRecord record);

    /**
     * Writes a vote with its consequences and the case's {@code transition} (with what its events imply:
     * a final rejection's retention clock, the applicant's open-case lock released); throws
     * {@code CaseFiles.ConcurrentChange} if the case moved on. The vote ends the case's lease
     * ({@code ended}, null when there is none).
     */
    void vote(CaseChange transition, VoteChange change, Lease ended);

    /** Voids the pending first vote because the evidence changed. */
    void voidFirstVote(ReviewFile expected, KycCase updated, AuditRecord record);

    List<Vote> decisions(String caseId);
}
