package io.kycvault.review.model;

import java.time.Instant;

/** A reviewer's claim on a case, so two reviewers do not work the same case by accident. */
public record Lease(String reviewer, Instant until) {

    public boolean heldByAnotherAt(String reviewer, Instant now) {
        return !this.reviewer.equals(reviewer) && until.isAfter(now);
    }
}
