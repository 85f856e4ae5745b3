package io.kycvault.review.application;

import io.kycvault.identity.Caller;
import io.kycvault.review.model.FourEyesPolicy;
import io.kycvault.review.model.ReviewFile;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;

/** Who may look at a case under review: reviewers, never on their own case, and only while it is open. */
final class ReviewAccess {

    private ReviewAccess() {
    }

    static void requireReviewer(Caller caller) {
        if (!caller.isReviewer()) {
            throw DomainException.forbidden("NOT_A_REVIEWER", "this route is for KYC reviewers");
        }
    }

    static ReviewFile load(ReviewStore store, Caller caller, String caseId) {
        requireReviewer(caller);
        if (!Ids.isIssued(caseId)) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        return store.load(caseId).orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "no such case"));
    }

    /** Documents and personal data are shown only while the case is under review, never to its applicant. */
    static ReviewFile loadOpen(ReviewStore store, Caller caller, String caseId) {
        ReviewFile file = load(store, caller, caseId);
        var c = file.kycCase();
        if (c.isOwnedBy(caller.subject())) {
            throw DomainException.forbidden("OWN_CASE", "reviewers cannot review their own case");
        }
        if (FourEyesPolicy.isClosed(c.status())) {
            throw DomainException.forbidden("CASE_CLOSED", "the case is closed; reviewer access has ended");
        }
        if (!c.status().isUnderReview()) {
            throw DomainException.conflict("CASE_NOT_IN_REVIEW", "the case is " + c.status() + ", not in review");
        }
        if (file.processingRestricted()) {
            throw DomainException.conflict("PROCESSING_RESTRICTED",
                    "the applicant asked for erasure; the data is kept only as the law requires and may not be processed");
        }
        return file;
    }
}
