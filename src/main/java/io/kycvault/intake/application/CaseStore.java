package io.kycvault.intake.application;

import io.kycvault.audit.model.AuditRecord;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.KycCase;
import io.kycvault.intake.model.SealedPersonalData;
import java.util.List;
import java.util.Optional;

/**
 * Where cases live. Every write is conditional on the case's audit sequence still being the one the
 * caller read, and appends the audit record in the same transaction, so a state change without its
 * audit record (or two changes from one reading) cannot happen.
 */
public interface CaseStore {

    /** Thrown when another writer changed the case since it was read; the caller may re-read and retry. */
    final class ConcurrentChange extends RuntimeException {
        public ConcurrentChange(String message) {
            super(message, null, false, false);
        }
    }

    void open(KycCase created, SealedPersonalData personalData, AuditRecord opened);

    Optional<KycCase> find(String caseId);

    Optional<SealedPersonalData> personalData(String caseId);

    List<Document> documents(String caseId);

    /** Case and one of its documents in one read. */
    Optional<CaseWithDocument> findWithDocument(String caseId, String documentId);

    record CaseWithDocument(KycCase kycCase, Optional<Document> document) {
    }

    /** Adds a document slot; fails with {@link ConcurrentChange} if the case moved on. */
    void addDocument(KycCase expected, KycCase updated, Document slot, AuditRecord record);

    /**
     * Settles a document once, conditional on it being unsettled with the scan result (or none) it
     * carries. Returns false when the document changed meanwhile (settled by a duplicate delivery, or a
     * scan result recorded); throws {@link ConcurrentChange} when only the case moved on.
     */
    boolean settleDocument(KycCase expected, KycCase updated, Document settled, AuditRecord record);

    /**
     * Records a malware scan result on a document ({@code after}), conditional on the document still
     * being as read ({@code before}: status and recorded scan). Returns false when the document
     * changed meanwhile; throws {@link ConcurrentChange} when only the case moved on.
     */
    boolean recordScan(KycCase expected, KycCase updated, Document before, Document after, AuditRecord record);

    void changeStatus(KycCase expected, KycCase updated, AuditRecord record);

    List<AuditRecord> auditTrail(String caseId);

    /** Every case id in the table; a full scan, for the daily audit sweep only. */
    List<String> allCaseIds();

    /** Every case's audit chain length and head (one pass over the case items, for the checkpoint). */
    java.util.Map<String, io.kycvault.audit.model.AuditCheckpoint.Anchor> auditHeads();
}
