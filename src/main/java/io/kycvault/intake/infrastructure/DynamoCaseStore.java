package io.kycvault.intake.infrastructure;

import static io.kycvault.intake.infrastructure.Items.b;
import static io.kycvault.intake.infrastructure.Items.casePk;
import static io.kycvault.intake.infrastructure.Items.key;
import static io.kycvault.intake.infrastructure.Items.n;
import static io.kycvault.intake.infrastructure.Items.num;
import static io.kycvault.intake.infrastructure.Items.s;
import static io.kycvault.intake.infrastructure.Items.str;
import static io.kycvault.intake.infrastructure.Items.t;
import static io.kycvault.intake.infrastructure.Items.time;

import io.kycvault.audit.model.AuditRecord;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.model.CaseStatus;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.DocumentType;
import io.kycvault.intake.model.KycCase;
import io.kycvault.intake.model.RejectionReason;
import io.kycvault.intake.model.SealedPersonalData;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Single-table layout: {@code CASE#id/CASE} holds the case (personal data only as ciphertext),
 * {@code CASE#id/DOC#docId} its documents, {@code CASE#id/AUDIT#seq} its audit chain and
 * {@code APPLICANT#sub/OPEN_CASE} guards one open case per applicant.
 */
@ApplicationScoped
public class DynamoCaseStore implements CaseStore {

    private static final String CASE_SK = "CASE";
    private static final String CASE_ATTRIBUTES = "caseId, applicantId, #status, country, createdAt, updatedAt, "
            + "presignsIssued, pdVersion, auditSeq, auditHead";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCaseStore(DynamoDbClient dynamo, StoreConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    @Override
    public void open(KycCase created, SealedPersonalData personalData, AuditRecord opened) {
        Map<String, AttributeValue> lock = new HashMap<>(key("APPLICANT#" + created.applicantId(), "OPEN_CASE"));
        lock.put("caseId", s(created.caseId()));
        Map<String, AttributeValue> item = caseItem(created);
        item.put("pdCiphertext", b(personalData.ciphertext()));
        item.put("pdDataKey", b(personalData.wrappedDataKey()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    putNew(lock),
                    putNew(item),
                    putNew(auditItem(opened))));
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                throw DomainException.conflict("OPEN_CASE_EXISTS", "the applicant already has an open case");
            }
            throw new ConcurrentChange("case creation collided: " + reasons(e));
        }
    }

    @Override
    public Optional<KycCase> find(String caseId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(casePk(caseId), CASE_SK)).consistentRead(true)
                .projectionExpression(CASE_ATTRIBUTES).expressionAttributeNames(Map.of("#status", "status")));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(toCase(response.item())) : Optional.empty();
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
        for (var item : query(casePk(caseId), "DOC#")) {
            documents.add(toDocument(item));
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
                kycCase = toCase(item);
            } else {
                document = toDocument(item);
            }
        }
        return kycCase == null ? Optional.empty() : Optional.of(new CaseWithDocument(kycCase, Optional.ofNullable(document)));
    }

    @Override
    public void addDocument(KycCase expected, KycCase updated, Document slot, AuditRecord record) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    advanceCase(expected, updated),
                    putNew(documentItem(slot)),
                    putNew(auditItem(record))));
        } catch (TransactionCanceledException e) {
            throw new ConcurrentChange("document slot not added: " + reasons(e));
        }
    }

    @Override
    public boolean settleDocument(KycCase expected, KycCase updated, Document settled, AuditRecord record) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":awaiting", s(DocumentStatus.AWAITING_UPLOAD.name()));
        values.put(":status", s(settled.status().name()));
        values.put(":settledAt", t(settled.settledAt()));
        StringBuilder set = new StringBuilder("SET #status = :status, settledAt = :settledAt");
        if (settled.versionId() != null) {
            set.append(", versionId = :versionId");
            values.put(":versionId", s(settled.versionId()));
        }
        if (settled.rejection() != null) {
            set.append(", rejection = :rejection");
            values.put(":rejection", s(settled.rejection().name()));
        }
        TransactWriteItem settle = TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(key(casePk(settled.caseId()), "DOC#" + settled.documentId()))
                .updateExpression(set.toString())
                .conditionExpression("#status = :awaiting")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values)
                .build()).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(settle, advanceCase(expected, updated), putNew(auditItem(record))));
            return true;
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                return false;
            }
            throw new ConcurrentChange("document not settled: " + reasons(e));
        }
    }

    @Override
    public void changeStatus(KycCase expected, KycCase updated, AuditRecord record) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(advanceCase(expected, updated), putNew(auditItem(record))));
        } catch (TransactionCanceledException e) {
            throw new ConcurrentChange("status not changed: " + reasons(e));
        }
    }

    @Override
    public List<AuditRecord> auditTrail(String caseId) {
        List<AuditRecord> records = new ArrayList<>();
        for (var item : query(casePk(caseId), "AUDIT#")) {
            Map<String, String> details = new TreeMap<>();
            AttributeValue d = item.get("details");
            if (d != null && d.hasM()) {
                d.m().forEach((k, v) -> details.put(k, v.s()));
            }
            records.add(new AuditRecord(str(item, "caseId"), num(item, "seq"), time(item, "at"), str(item, "actor"),
                    str(item, "action"), str(item, "fromStatus"), str(item, "toStatus"), details,
                    str(item, "prevHash"), str(item, "hash")));
        }
        return records;
    }

    private List<Map<String, AttributeValue>> query(String pk, String skPrefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(skPrefix)));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(q.build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private TransactWriteItem advanceCase(KycCase expected, KycCase updated) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(key(casePk(updated.caseId()), CASE_SK))
                .updateExpression("SET #status = :status, updatedAt = :updatedAt, presignsIssued = :presigns, "
                        + "auditSeq = :seq, auditHead = :head")
                .conditionExpression("auditSeq = :expectedSeq")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":status", s(updated.status().name()),
                        ":updatedAt", t(updated.updatedAt()),
                        ":presigns", n(updated.presignsIssued()),
                        ":seq", n(updated.auditSequence()),
                        ":head", s(updated.auditHead()),
                        ":expectedSeq", n(expected.auditSequence())))
                .build()).build();
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static String reasons(TransactionCanceledException e) {
        return e.cancellationReasons() == null ? "unknown" : e.cancellationReasons().stream().map(CancellationReason::code).toList().toString();
    }

    private static Map<String, AttributeValue> caseItem(KycCase c) {
        Map<String, AttributeValue> item = new HashMap<>(key(casePk(c.caseId()), CASE_SK));
        item.put("type", s("CASE"));
        item.put("caseId", s(c.caseId()));
        item.put("applicantId", s(c.applicantId()));
        item.put("status", s(c.status().name()));
        item.put("country", s(c.countryOfResidence()));
        item.put("createdAt", t(c.createdAt()));
        item.put("updatedAt", t(c.updatedAt()));
        item.put("presignsIssued", n(c.presignsIssued()));
        item.put("pdVersion", n(c.personalDataVersion()));
        item.put("auditSeq", n(c.auditSequence()));
        item.put("auditHead", s(c.auditHead()));
        item.put("gsi1pk", s("APPLICANT#" + c.applicantId()));
        item.put("gsi1sk", s(c.createdAt() + "#" + c.caseId()));
        return item;
    }

    private static KycCase toCase(Map<String, AttributeValue> item) {
        return new KycCase(str(item, "caseId"), str(item, "applicantId"), CaseStatus.valueOf(str(item, "status")),
                str(item, "country"), time(item, "createdAt"), time(item, "updatedAt"), (int) num(item, "presignsIssued"),
                (int) num(item, "pdVersion"), num(item, "auditSeq"), str(item, "auditHead"));
    }

    private static Map<String, AttributeValue> documentItem(Document d) {
        Map<String, AttributeValue> item = new HashMap<>(key(casePk(d.caseId()), "DOC#" + d.documentId()));
        item.put("type", s("DOCUMENT"));
        item.put("caseId", s(d.caseId()));
        item.put("documentId", s(d.documentId()));
        item.put("docType", s(d.type().name()));
        item.put("contentType", s(d.contentType()));
        item.put("contentLength", n(d.contentLength()));
        item.put("sha256", s(d.sha256()));
        item.put("status", s(d.status().name()));
        item.put("presignedAt", t(d.presignedAt()));
        return item;
    }

    private static Document toDocument(Map<String, AttributeValue> item) {
        String rejection = str(item, "rejection");
        return new Document(str(item, "caseId"), str(item, "documentId"), DocumentType.valueOf(str(item, "docType")),
                str(item, "contentType"), num(item, "contentLength"), str(item, "sha256"),
                DocumentStatus.valueOf(str(item, "status")), rejection == null ? null : RejectionReason.valueOf(rejection),
                str(item, "versionId"), time(item, "presignedAt"), time(item, "settledAt"));
    }

    private static Map<String, AttributeValue> auditItem(AuditRecord r) {
        Map<String, AttributeValue> item = new HashMap<>(key(casePk(r.caseId()), Items.auditSk(r.sequence())));
        item.put("type", s("AUDIT"));
        item.put("caseId", s(r.caseId()));
        item.put("seq", n(r.sequence()));
        item.put("at", t(r.at()));
        item.put("actor", s(r.actor()));
        item.put("action", s(r.action()));
        if (r.fromStatus() != null) {
            item.put("fromStatus", s(r.fromStatus()));
        }
        if (r.toStatus() != null) {
            item.put("toStatus", s(r.toStatus()));
        }
        Map<String, AttributeValue> details = new HashMap<>();
        r.details().forEach((k, v) -> details.put(k, s(v)));
        item.put("details", AttributeValue.fromM(details));
        item.put("prevHash", s(r.previousHash()));
        item.put("hash", s(r.hash()));
        return item;
    }
}
