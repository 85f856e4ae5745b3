package io.kycvault.review.model;

import io.kycvault.casefile.model.CaseStatus;
import java.time.Instant;

/**
 * Who may decide what, and what a vote does to a case. The rules:
 * <ul>
 * <li>who may work on a case at all is the reviewer gate, {@link ReviewerAccessPolicy} (never the
 * applicant, only while in review, not while processing is restricted);</li>
 * <li>a reviewer holding an unexpired lease blocks others;</li>
 * <li>approval and final rejection need two votes by two different reviewers over the same evidence;
 * the first moves the case to {@code PENDING_SECOND_APPROVAL} / {@code PENDING_SECOND_REJECTION};</li>
 * <li>the first voter cannot cast the second vote;</li>
 * <li>if the evidence changed since the first vote, the first vote is void, the case returns to
 * {@code IN_REVIEW} and the second vote is refused;</li>
 * <li>a second vote that disagrees with the first — the other decision, or an approval with another
 * rating or rating expiry — replaces it and becomes the new first vote: a case completes only
 * when two different reviewers agree on decision, rating and expiry;</li>
 * <li>a resubmission request needs one reviewer and voids any pending first vote.</li>
 * </ul>
 */
public final class FourEyesPolicy {

    public sealed interface Outcome {
    }

    /** The vote is refused; {@code voidFirstVote} asks to void the pending first vote all the same. */
    public record Refused(Reason reason, boolean voidFirstVote) implements Outcome {
    }

    public record FirstVote(CaseStatus next) implements Outcome {
    }

    public record Completed(CaseStatus next) implements Outcome {
    }

    public record ResubmissionRequested() implements Outcome {
    }

    public enum Reason {
        OWN_CASE, CASE_CLOSED, CASE_NOT_IN_REVIEW, CLAIMED_BY_OTHER, SECOND_VOTE_BY_SAME_REVIEWER, EVIDENCE_CHANGED,
        PROCESSING_RESTRICTED
    }

    private FourEyesPolicy() {
    }

    /**
     * @param currentEvidence fingerprint of the evidence as it is now
     * @param readEvidence fingerprint the reviewer says they read, or null when not given
     */
    public static Outcome decide(ReviewFile file, Vote vote, String currentEvidence, String readEvidence, Instant now) {
        var access = ReviewerAccessPolicy.refusal(vote.reviewer(), file);
        if (access.isPresent()) {
            return new Refused(Reason.valueOf(access.get().name()), false);
        }
        if (file.lease() != null && file.lease().heldByAnotherAt(vote.reviewer(), now)) {
            return new Refused(Reason.CLAIMED_BY_OTHER, false);
        }
        Vote first = file.firstVote();
        if (first != null && !first.evidence().equals(currentEvidence)) {
            return new Refused(Reason.EVIDENCE_CHANGED, true);
        }
        if (readEvidence != null && !readEvidence.equals(currentEvidence)) {
            return new Refused(Reason.EVIDENCE_CHANGED, false);
        }
        if (vote.kind() == VoteKind.REQUEST_RESUBMISSION) {
            return new ResubmissionRequested();
        }
        if (first == null) {
            return new FirstVote(pendingFor(vote.kind()));
        }
        if (first.reviewer().equals(vote.reviewer())) {
            return new Refused(Reason.SECOND_VOTE_BY_SAME_REVIEWER, false);
        }
        if (first.agreesWith(vote)) {
            return new Completed(vote.kind() == VoteKind.APPROVE ? CaseStatus.APPROVED : CaseStatus.REJECTED);
        }
        return new FirstVote(pendingFor(vote.kind()));
    }

    public static boolean isClosed(CaseStatus status) {
        return switch (status) {
            case APPROVED, REGISTERED, REJECTED, EXPIRING, EXPIRED, ERASED -> true;
            default -> false;
        };
    }

    private static CaseStatus pendingFor(VoteKind kind) {
        return kind == VoteKind.APPROVE ? CaseStatus.PENDING_SECOND_APPROVAL : CaseStatus.PENDING_SECOND_REJECTION;
    }
}
