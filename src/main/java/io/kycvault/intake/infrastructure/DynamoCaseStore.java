package io.kycvault.intake.infrastructure;

import static io.kycvault.shared.dynamo.Items.b;
import static io.kycvault.shared.dynamo.Items.casePk;
import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;
import static io.kycvault.shared.dynamo.Items.t;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.infrastructure.CaseItems;
import io.kycvault.casefile.infrastructure.DynamoCaseFiles;
import io.kycvault.casefile.infrastructure.StoreConfig;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.SealedPersonalData;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.dynamo.Items;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Intake's part of the single table: the case item's sealed personal data and {@code CASE#id/DOC#docId}
 * its documents. The case item, its audit chain and the applicant's open-case lock written with it are
 * the kernel's ({@link DynamoCaseFiles}, {@link CaseItems#openCase}).
 */
@ApplicationScoped
public class DynamoCaseStore implements CaseStore {

    private static final String CASE_SK = CaseItems.CASE_SK;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCaseStore(DynamoDbClient dynamo, StoreConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    @Override
    public void open(KycCase created, SealedPersonalData personalData, AuditRecord opened) {
        Map<String, AttributeValue> item = CaseItems.caseItem(created);
        item.put("pdCiphertext", b(personalData.ciphertext()));
        item.put("pdDataKey", b(personalData.wrappedDataKey()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    CaseItems.openCase(table, created),
                    CaseItems.putNew(table, item),
                    CaseItems.putNew(table, CaseItems.auditItem(opened))));
        } catch (TransactionCanceledException e) {
            if (CaseItems.failed(e, 0)) {
                throw DomainException.conflict("OPEN_CASE_EXISTS", "the applicant already has an open case");
            }
            throw new CaseFiles.ConcurrentChange("case creation collided: " + CaseItems.reasons(e));
        }
    }

    @Override
    public Optional<SealedPersonalData> personalData(String caseId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(casePk(caseId), CASE_SK)).consistentRead(true)
                .projectionExpression("pdCiphertext, pdDataKey"));
        if (!response.hasItem() || Items.bytes(response.item(), "pdCiphertext") == null) {
            return Optional.empty();
        }
        return Optional.of(new SealedPersonalData(Items.bytes(response.item(), "pdCiphertext"),
                Items.bytes(response.item(), "pdDataKey")));
    }

    @Override
    public List<Document> documents(String caseId) {
        List<Document> documents = new ArrayList<>();
        for (var item : CaseItems.query(dynamo, table, casePk(caseId), "DOC#")) {
            documents.add(DocumentItems.toDocument(item));
        }
        documents.sort(java.util.Comparator.comparing(Document::presignedAt));
        return documents;
    }

    @Override
    public Optional<CaseWithDocument> findWithDocument(String caseId, String documentId) {
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(key(casePk(caseId), CASE_SK), key(casePk(caseId), "DOC#" + documentId))
                .consistentRead(true)
                .build());
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int round = 0; round < 5 && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> pending = request;
            var response = dynamo.batchGetItem(r -> r.requestItems(pending));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            if (response.unprocessedKeys().isEmpty()) {
                break;
            }
            request = response.unprocessedKeys();
        }
        KycCase kycCase = null;
        Document document = null;
        for (var item : items) {
            if (CASE_SK.equals(str(item, "sk"))) {
                kycCase = CaseItems.toCase(item);
            } else {
                document = DocumentItems.toDocument(item);
            }
        }
        return kycCase == null ? Optional.empty() : Optional.of(new CaseWithDocument(kycCase, Optional.ofNullable(document)));
    }

    @Override
    public void addDocument(KycCase expected, KycCase updated, Document slot, AuditRecord record) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    CaseItems.advance(table, expected, updated).build(),
                    CaseItems.putNew(table, DocumentItems.documentItem(slot)),
                    CaseItems.putNew(table, CaseItems.auditItem(record))));
        } catch (TransactionCanceledException e) {
            throw new CaseFiles.ConcurrentChange("document slot not added: " + CaseItems.reasons(e));
        }
    }

    @Override
    public boolean settleDocument(KycCase expected, KycCase updated, Document settled, AuditRecord record) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":awaiting", s(DocumentStatus.AWAITING_UPLOAD.name()));
        values.put(":status", s(settled.status().name()));
        values.put(":settledAt", t(settled.settledAt()));
        StringBuilder set = new StringBuilder("SET #status = :status, settledAt = :settledAt");
        String removeTtl = " REMOVE expiresAt";
        if (settled.versionId() != null) {
            set.append(", versionId = :versionId");
            values.put(":versionId", s(settled.versionId()));
        }
        if (settled.rejection() != null) {
            set.append(", rejection = :rejection");
            values.put(":rejection", s(settled.rejection().name()));
        }
        // Still unsettled, and with the scan result (or none) the caller read: a result recorded meanwhile
        // does not change the status, and a batch read is no snapshot (the case may be newer than the slot).
        String condition = "#status = :awaiting AND ";
        if (settled.scan() == null) {
            condition += "attribute_not_exists(scanResult)";
        } else {
            values.put(":readScanVersionId", s(settled.scan().versionId()));
            values.put(":readScanResult", s(settled.scan().result().name()));
            condition += "scanVersionId = :readScanVersionId AND scanResult = :readScanResult";
        }
        TransactWriteItem settle = TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(key(casePk(settled.caseId()), "DOC#" + settled.documentId()))
                .updateExpression(set + removeTtl)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .build()).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(settle, CaseItems.advance(table, expected, updated).build(), CaseItems.putNew(table, CaseItems.auditItem(record))));
            return true;
        } catch (TransactionCanceledException e) {
            if (CaseItems.failed(e, 0)) {
                return false;
            }
            throw new CaseFiles.ConcurrentChange("document not settled: " + CaseItems.reasons(e));
        }
    }

    @Override
    public boolean recordScan(KycCase expected, KycCase updated, Document before, Document after, AuditRecord record) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        names.put("#status", "status");
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        values.put(":status", s(after.status().name()));
        sets.add("#status = :status");
        values.put(":scanVersionId", s(after.scan().versionId()));
        values.put(":scanResult", s(after.scan().result().name()));
        values.put(":scannedAt", t(after.scan().scannedAt()));
        sets.add("scanVersionId = :scanVersionId");
        sets.add("scanResult = :scanResult");
        sets.add("scannedAt = :scannedAt");
        if (after.scan().threat() != null) {
            values.put(":scanThreat", s(after.scan().threat()));
            sets.add("scanThreat = :scanThreat");
        } else {
            removes.add("scanThreat");
        }
        if (after.versionId() != null) {
            values.put(":versionId", s(after.versionId()));
            sets.add("versionId = :versionId");
        }
        if (after.rejection() != null) {
            values.put(":rejection", s(after.rejection().name()));
            sets.add("rejection = :rejection");
        }
        if (after.settledAt() != null) {
            values.put(":settledAt", t(after.settledAt()));
            sets.add("settledAt = :settledAt");
        }
        if (after.status().isSettled()) {
            removes.add("expiresAt");
        }
        // The document as it was read: the same status and the same recorded scan (or none).
        values.put(":before", s(before.status().name()));
        String condition = "#status = :before AND ";
        if (before.scan() == null) {
            condition += "attribute_not_exists(scanResult)";
        } else {
            values.put(":beforeScanVersionId", s(before.scan().versionId()));
            values.put(":beforeScanResult", s(before.scan().result().name()));
            condition += "scanVersionId = :beforeScanVersionId AND scanResult = :beforeScanResult";
        }
        TransactWriteItem document = TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(key(casePk(after.caseId()), "DOC#" + after.documentId()))
                .updateExpression("SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes)))
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(document, CaseItems.advance(table, expected, updated).build(),
                    CaseItems.putNew(table, CaseItems.auditItem(record))));
            return true;
        } catch (TransactionCanceledException e) {
            if (CaseItems.failed(e, 0)) {
                return false;
            }
            throw new CaseFiles.ConcurrentChange("scan result not recorded: " + CaseItems.reasons(e));
        }
    }
}
