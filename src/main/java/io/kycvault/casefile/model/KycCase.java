package io.kycvault.casefile.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The non-identifying part of a case: what may be stored in clear. Personal data lives only as
 * ciphertext beside it (the intake capability's sealed personal data).
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

    /**
     * A new case: the first record of its chain ({@code CASE_OPENED}), the case in {@code DRAFT}.
     */
    public static CaseChange open(String caseId, String applicantId, String countryOfResidence, Instant at,
            Map<String, String> details) {
        KycCase blank = new KycCase(caseId, applicantId, null, countryOfResidence, at, at, 0, 1, 0, null, null, List.of());
        return blank.change(at, applicantId, "CASE_OPENED", CaseStatus.DRAFT, details);
    }

    /**
     * The one way a case changes: the audit record that follows the current head (hash-chained), and
     * the case after it — in status {@code to} (the same status for a record that changes nothing else),
     * which must be a transition {@link CaseStatus#canMoveTo} allows. A final rejection (the move to
     * {@code REJECTED}) emits {@link CaseEvent.CaseRejected} and {@link CaseEvent.RelationshipEnded}.
     *
     * @throws IllegalStateException for a transition the case's life does not have
     */
    public CaseChange change(Instant at, String actor, String action, CaseStatus to, Map<String, String> details) {
        if (status != null && status != to && !status.canMoveTo(to)) {
            throw new IllegalStateException("no transition " + status + " -> " + to);
        }
        String previous = auditHead == null ? AuditRecord.GENESIS : auditHead;
        AuditRecord record = AuditRecord.append(caseId, auditSequence + 1, previous, at, actor, action,
                status == null ? null : status.name(), to.name(), details);
        KycCase after = new KycCase(caseId, applicantId, to, countryOfResidence, createdAt, at, presignsIssued,
                personalDataVersion, record.sequence(), record.hash(), resubmission, wallets);
        List<CaseEvent> events = to == CaseStatus.REJECTED && status != CaseStatus.REJECTED
                ? List.of(new CaseEvent.CaseRejected(caseId, at),
                        new CaseEvent.RelationshipEnded(caseId, at, CaseEvent.RelationshipEnded.Why.REJECTED))
                : List.of();
        return new CaseChange(this, after, record, events);
    }

    /**
     * A change (in the same status) that records the end of the business relationship at {@code endedAt}
     * for {@code why}, and emits {@link CaseEvent.RelationshipEnded}: offboarding, an expired rating without
     * renewal, an erasure request. Whether it had already ended is the caller's to know (the kernel does not
     * keep it); a rejection ends it through {@link #change}.
     *
     * @throws IllegalStateException for an erased case, which has no relationship left to end
     */
    public CaseChange endRelationship(Instant at, String actor, String action, Instant endedAt,
            CaseEvent.RelationshipEnded.Why why, Map<String, String> details) {
        if (status == null || status == CaseStatus.ERASED) {
            throw new IllegalStateException("no relationship to end in status " + status);
        }
        CaseChange change = change(at, actor, action, status, details);
        return new CaseChange(this, change.after(), change.record(),
                List.of(new CaseEvent.RelationshipEnded(caseId, endedAt, why)));
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
