package io.kycvault.intake.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.SealedPersonalData;
import java.util.List;
import java.util.Optional;

/**
 * The intake capability's part of the case file: the case opened with its sealed personal data, and its
 * documents. Case reads and changes are the kernel's ({@link CaseFiles}).
 */
public interface CaseStore {

    void open(KycCase created, SealedPersonalData personalData, AuditRecord opened);

    Optional<SealedPersonalData> personalData(String caseId);

    List<Document> documents(String caseId);

    /** Case and one of its documents in one read. */
    Optional<CaseWithDocument> findWithDocument(String caseId, String documentId);

    record CaseWithDocument(KycCase kycCase, Optional<Document> document) {
    }

    /** Adds a document slot; fails with {@link CaseFiles.ConcurrentChange} if the case moved on. */
    void addDocument(KycCase expected, KycCase updated, Document slot, AuditRecord record);

    /**
     * Settles a document once, conditional on it being unsettled with the scan result (or none) it
     * carries. Returns false when the document changed meanwhile (settled by a duplicate delivery, or a
     * scan result recorded); throws {@link CaseFiles.ConcurrentChange} when only the case moved on.
     */
    boolean settleDocument(KycCase expected, KycCase updated, Document settled, AuditRecord record);

    /**
     * Records a malware scan result on a document ({@code after}), conditional on the document still
     * being as read ({@code before}: status and recorded scan). Returns false when the document
     * changed meanwhile; throws {@link CaseFiles.ConcurrentChange} when only the case moved on.
     */
    boolean recordScan(KycCase expected, KycCase updated, Document before, Document after, AuditRecord record);
}
