package io.kycvault.review.application;

import java.util.List;

/**
 * What the chain function needs to register an approved investor. Carries no personal data: the
 * chain function reads the sealed personal data itself to derive the on-chain ID.
 *
 * @param ratingExpiresAt epoch seconds of the end of the rating's last valid day (UTC)
 */
public record RegistrationRequest(String caseId, String approvalId, int rating, long ratingExpiresAt, String country,
        List<String> wallets) {

    /** SQS FIFO deduplication id: one message per case and approval, however often it is sent. */
    public String deduplicationId() {
        return caseId + ":" + approvalId;
    }
}
