package io.kycvault.review.model;

import io.kycvault.casefile.model.KycCase;
import java.util.Optional;

/**
 * The reviewer gate — who may work on a case, for reading it, opening its documents, claiming it and
 * voting alike (the four-eyes rules then say what a vote does, {@link FourEyesPolicy}):
 * <ul>
 * <li>never the case's own applicant, whatever groups they hold;</li>
 * <li>only while the case is under review: a closed case ends reviewer access;</li>
 * <li>not while the applicant's erasure request restricts processing.</li>
 * </ul>
 * (That the caller is a KYC manager at all is the caller's group, checked before: {@code Caller#isReviewer}.)
 */
public final class ReviewerAccessPolicy {

    public enum Refusal { OWN_CASE, CASE_CLOSED, CASE_NOT_IN_REVIEW, PROCESSING_RESTRICTED }

    private ReviewerAccessPolicy() {
    }

    /** Why {@code reviewer} may not work on the case, or empty when they may. */
    public static Optional<Refusal> refusal(String reviewer, ReviewFile file) {
        KycCase c = file.kycCase();
        if (c.isOwnedBy(reviewer)) {
            return Optional.of(Refusal.OWN_CASE);
        }
        if (!c.status().isUnderReview()) {
            return Optional.of(FourEyesPolicy.isClosed(c.status()) ? Refusal.CASE_CLOSED : Refusal.CASE_NOT_IN_REVIEW);
        }
        if (file.processingRestricted()) {
            return Optional.of(Refusal.PROCESSING_RESTRICTED);
        }
        return Optional.empty();
    }
}
