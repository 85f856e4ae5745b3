package io.kycvault.intake.model;

import java.time.Instant;

/**
 * The non-identifying part of a case: what may be stored in clear. Personal data lives only as
 * ciphertext beside it (see {@link SealedPersonalData}).
 *
 * @param auditSequence number of audit records written so far; every state change bumps it with a
 *     conditional write, which is also the case's optimistic-lock version
 * @param auditHead hash of the latest audit record
 */
public record KycCase(
        String caseId,
        String applicantId,
        CaseStatus status,
        String countryOfResidence,
        Instant createdAt,
        Instant updatedAt,
        int presignsIssued,
        int personalDataVersion,
        long auditSequence,
        String auditHead) {

    public boolean isOwnedBy(String subject) {
        return applicantId.equals(subject);
    }
}
