package io.kycvault.bench;

import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.ChainHead;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.SealedPersonalData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Benchmark stub: the case store without a network, so a benchmark can tell our own code's cost
 * from the emulator's. Keeps the conditional-write semantics (audit sequence) but nothing else.
 */
final class InMemoryCaseStore implements CaseStore, io.kycvault.casefile.application.CaseFiles {

    private final Map<String, KycCase> cases = new ConcurrentHashMap<>();
    private final Map<String, SealedPersonalData> personalData = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Document>> documents = new ConcurrentHashMap<>();
    private final Map<String, List<AuditRecord>> audit = new ConcurrentHashMap<>();

    @Override
    public void open(KycCase created, SealedPersonalData sealed, AuditRecord opened) {
        cases.put(created.caseId(), created);
        personalData.put(created.caseId(), sealed);
        documents.put(created.caseId(), new ConcurrentHashMap<>());
        audit.computeIfAbsent(created.caseId(), k -> new ArrayList<>()).add(opened);
    }

    @Override
    public Optional<KycCase> find(String caseId) {
        return Optional.ofNullable(cases.get(caseId));
    }

    @Override
    public Optional<SealedPersonalData> personalData(String caseId) {
        return Optional.ofNullable(personalData.get(caseId));
    }

    @Override
    public List<Document> documents(String caseId) {
        return List.copyOf(documents.getOrDefault(caseId, Map.of()).values());
    }

    @Override
    public Optional<CaseWithDocument> findWithDocument(String caseId, String documentId) {
        return find(caseId).map(c -> new CaseWithDocument(c, Optional.ofNullable(documents.get(caseId).get(documentId))));
    }

    @Override
    public synchronized void addDocument(KycCase expected, KycCase updated, Document slot, AuditRecord record) {
        advance(expected, updated, record);
        documents.get(slot.caseId()).put(slot.documentId(), slot);
    }

    @Override
    public synchronized boolean settleDocument(KycCase expected, KycCase updated, Document settled, AuditRecord record) {
        if (documents.get(settled.caseId()).get(settled.documentId()).status() != DocumentStatus.AWAITING_UPLOAD) {
            return false;
        }
        advance(expected, updated, record);
        documents.get(settled.caseId()).put(settled.documentId(), settled);
        return true;
    }

    @Override
    public synchronized boolean recordScan(KycCase expected, KycCase updated, Document before, Document after, AuditRecord record) {
        Document current = documents.get(after.caseId()).get(after.documentId());
        if (current.status() != before.status() || !java.util.Objects.equals(current.scan(), before.scan())) {
            return false;
        }
        advance(expected, updated, record);
        documents.get(after.caseId()).put(after.documentId(), after);
        return true;
    }

    @Override
    public synchronized void record(io.kycvault.casefile.model.CaseChange change) {
        advance(change.before(), change.after(), change.record());
    }

    private void advance(KycCase expected, KycCase updated, AuditRecord record) {
        if (cases.get(expected.caseId()).auditSequence() != expected.auditSequence()) {
            throw new ConcurrentChange("moved on");
        }
        cases.put(updated.caseId(), updated);
        // Keep only the head: a benchmark appends millions of records.
        audit.put(updated.caseId(), new ArrayList<>(List.of(record)));
    }

    @Override
    public List<AuditRecord> auditTrail(String caseId) {
        return audit.getOrDefault(caseId, List.of());
    }

    @Override
    public List<String> allCaseIds() {
        return List.copyOf(cases.keySet());
    }

    @Override
    public Map<String, ChainHead> auditHeads() {
        Map<String, ChainHead> heads = new java.util.HashMap<>();
        cases.forEach((id, c) -> heads.put(id, new ChainHead(c.auditSequence(), c.auditHead())));
        return heads;
    }
}
