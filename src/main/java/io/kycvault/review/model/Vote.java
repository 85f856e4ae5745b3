package io.kycvault.review.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One reviewer's decision, immutable once recorded.
 *
 * @param rating 1–255 for approvals, else null
 * @param ratingExpiresOn last day the rating is valid, for approvals, else null
 * @param evidence fingerprint of the documents and personal data the vote was cast over
 */
public record Vote(
        String decisionId,
        String reviewer,
        VoteKind kind,
        List<String> reasonCodes,
        Integer rating,
        LocalDate ratingExpiresOn,
        String evidence,
        Instant at) {

    public Vote {
        reasonCodes = List.copyOf(reasonCodes);
    }

    /** Two approvals agree when they grant the same rating until the same day. */
    public boolean agreesWith(Vote other) {
        if (kind != other.kind) {
            return false;
        }
        return kind != VoteKind.APPROVE
                || (java.util.Objects.equals(rating, other.rating) && java.util.Objects.equals(ratingExpiresOn, other.ratingExpiresOn));
    }
}
