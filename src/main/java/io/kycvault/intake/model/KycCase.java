package io.kycvault.intake.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The non-identifying part of a case: what may be stored in clear. Personal data lives only as
 * ciphertext beside it (see {@link SealedPersonalData}).
 *
 * @param auditSequence number of audit records written so far; every state change bumps it with a
 *     conditional write, which is also the case's optimistic-lock version
 * @param auditHead hash of the latest audit record
 * @param resubmission what a reviewer asked the applicant to provide again, or null
 * @param wallets addresses the applicant proved to control (EIP-55 checksummed), in proof order
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
        String auditHead,
        Resubmission resubmission,
        List<String> wallets) {

    public KycCase {
        wallets = wallets == null ? List.of() : List.copyOf(wallets);
    }

    /** A reviewer's request for new documents: only these types may be uploaded until resubmitted. */
    public record Resubmission(Instant requestedAt, Set<DocumentType> documents, List<String> reasonCodes) {
        public Resubmission {
            documents = Set.copyOf(documents);
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    public boolean isOwnedBy(String subject) {
        return applicantId.equals(subject);
    }

    public KycCase withPresignsIssued(int count) {
        return new KycCase(caseId, applicantId, status, countryOfResidence, createdAt, updatedAt, count,
                personalDataVersion, auditSequence, auditHead, resubmission, wallets);
    }

    public KycCase withResubmission(Resubmission requested) {
        return new KycCase(caseId, applicantId, status, countryOfResidence, createdAt, updatedAt, presignsIssued,
                personalDataVersion, auditSequence, auditHead, requested, wallets);
    }

    public KycCase withWallet(String address) {
        if (wallets.contains(address)) {
            return this;
        }
        List<String> more = new java.util.ArrayList<>(wallets);
        more.add(address);
        return new KycCase(caseId, applicantId, status, countryOfResidence, createdAt, updatedAt, presignsIssued,
                personalDataVersion, auditSequence, auditHead, resubmission, more);
    }
}
