package io.kycvault.review.model;

import io.kycvault.casefile.model.KycCase;

/**
 * A case as the review capability sees it: the case, the pending first vote, the lease, and
 * whether the applicant's erasure request restricts processing (GDPR Art. 18).
 */
public record ReviewFile(KycCase kycCase, Vote firstVote, Lease lease, boolean processingRestricted) {
}
