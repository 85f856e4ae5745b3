package io.kycvault.review.model;

public enum VoteKind {
    APPROVE,
    REJECT,
    REQUEST_RESUBMISSION
}
