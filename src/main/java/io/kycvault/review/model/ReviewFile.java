package io.kycvault.review.model;

import io.kycvault.intake.model.KycCase;

/** A case as the review capability sees it: the case, the pending first vote and the lease. */
public record ReviewFile(KycCase kycCase, Vote firstVote, Lease lease) {
}
