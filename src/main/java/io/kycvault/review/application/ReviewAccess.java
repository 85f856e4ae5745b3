package io.kycvault.review.application;

import io.kycvault.identity.Caller;
import io.kycvault.review.model.ReviewFile;
import io.kycvault.review.model.ReviewerAccessPolicy;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;

/** Loads a case for a reviewer through the reviewer gate ({@link ReviewerAccessPolicy}). */
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
        var refusal = ReviewerAccessPolicy.refusal(caller.subject(), file);
        if (refusal.isEmpty()) {
            return file;
        }
        throw switch (refusal.get()) {
            case OWN_CASE -> DomainException.forbidden("OWN_CASE", "reviewers cannot review their own case");
            case CASE_CLOSED -> DomainException.forbidden("CASE_CLOSED", "the case is closed; reviewer access has ended");
            case CASE_NOT_IN_REVIEW -> DomainException.conflict("CASE_NOT_IN_REVIEW",
                    "the case is " + file.kycCase().status() + ", not in review");
            case PROCESSING_RESTRICTED -> DomainException.conflict("PROCESSING_RESTRICTED",
                    "the applicant asked for erasure; the data is kept only as the law requires and may not be processed");
        };
    }
}
