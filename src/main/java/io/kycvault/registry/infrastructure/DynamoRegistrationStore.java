package io.kycvault.registry.infrastructure;

import static io.kycvault.shared.dynamo.Items.casePk;
import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.n;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;
import static io.kycvault.shared.dynamo.Items.t;
import static io.kycvault.shared.dynamo.Items.time;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.infrastructure.CaseItems;
import io.kycvault.casefile.infrastructure.StoreConfig;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.registry.application.RegistrationStore;
import io.kycvault.shared.dynamo.Items;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@code REGISTRY/PENDING} holds the one outstanding transaction; registration outcomes go on the
 * case item ({@code investorId}, {@code registrationTx}, {@code registrationBlock}, or
 * {@code registrationParked}) with their audit record. A registered case releases the applicant's
 * open-case lock ({@link CaseItems#releaseOpenCase}).
 */
@ApplicationScoped
public class DynamoRegistrationStore implements RegistrationStore {

    private static final Map<String, AttributeValue> PENDING = key("REGISTRY", "PENDING");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRegistrationStore(DynamoDbClient dynamo, StoreConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    @Override
    public Optional<Pending> pending() {
        var r = dynamo.getItem(g -> g.tableName(table).key(PENDING).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        var i = r.item();
        return Optional.of(new Pending(str(i, "txHash"), Long.parseLong(i.get("nonce").n()),
                i.get("caseIds").l().stream().map(AttributeValue::s).toList(), time(i, "sentAt")));
    }

    @Override
    public void savePending(Pending p) {
        Map<String, AttributeValue> item = new HashMap<>(PENDING);
        item.put("type", s("REGISTRY_PENDING"));
        item.put("txHash", s(p.txHash()));
        item.put("nonce", n(p.nonce()));
        item.put("caseIds", AttributeValue.fromL(p.caseIds().stream().map(Items::s).toList()));
        item.put("sentAt", t(p.sentAt()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public void clearPending(String txHash) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(PENDING).conditionExpression("txHash = :h")
                    .expressionAttributeValues(Map.of(":h", s(txHash))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException gone) {
            // Another transaction is pending now, or nothing is: either way this one is settled.
        }
    }

    @Override
    public Optional<String> parkedReason(String caseId) {
        var r = dynamo.getItem(g -> g.tableName(table).key(key(casePk(caseId), CaseItems.CASE_SK)).consistentRead(true)
                .projectionExpression("registrationParked"));
        return r.hasItem() ? Optional.ofNullable(str(r.item(), "registrationParked")) : Optional.empty();
    }

    @Override
    public List<Parked> parked() {
        List<Parked> parked = new ArrayList<>();
        // The index carries what the list shows (kept current by DynamoDB as the case item changes).
        dynamo.queryPaginator(r -> r.tableName(table).indexName("byParked").keyConditionExpression("gsi8pk = :p")
                        .projectionExpression("caseId, #status, registrationParked, updatedAt")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":p", s("PARKED"))))
                .items().forEach(item -> parked.add(new Parked(str(item, "caseId"), str(item, "status"),
                        str(item, "registrationParked"), str(item, "updatedAt"))));
        parked.sort(java.util.Comparator.comparing(Parked::updatedAt, java.util.Comparator.nullsFirst(String::compareTo)));
        return parked;
    }

    @Override
    public Optional<Hold> hold(String caseId) {
        var r = dynamo.getItem(g -> g.tableName(table).key(key(casePk(caseId), CaseItems.CASE_SK)).consistentRead(true)
                .projectionExpression("registrationParked, processingRestricted, erasureRequestedAt, relationshipEndedAt"));
        if (!r.hasItem()) {
            return Optional.empty();
        }
        var item = r.item();
        if (item.containsKey("registrationParked")) {
            return Optional.of(new Hold(str(item, "registrationParked"), true));
        }
        return withheld(item).map(reason -> new Hold(reason, false));
    }

    private static Optional<String> withheld(Map<String, AttributeValue> item) {
        if (item.containsKey("erasureRequestedAt")
                || (item.containsKey("processingRestricted") && Boolean.TRUE.equals(item.get("processingRestricted").bool()))) {
            return Optional.of("PROCESSING_RESTRICTED");
        }
        if (item.containsKey("relationshipEndedAt")) {
            return Optional.of("RELATIONSHIP_ENDED");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> applicantOf(String investorIdDigest) {
        return owner("INVESTOR#" + investorIdDigest, "LINEAGE");
    }

    @Override
    public Optional<String> applicantOfFingerprint(String fingerprint) {
        return owner("INVESTOR#" + fingerprint, "FINGERPRINT");
    }

    /** The applicant of an item written by {@link #ownedBy}. */
    private Optional<String> owner(String pk, String sk) {
        var r = dynamo.getItem(g -> g.tableName(table).key(key(pk, sk)).consistentRead(true));
        return r.hasItem() && !r.item().isEmpty() ? Optional.ofNullable(str(r.item(), "applicantId")) : Optional.empty();
    }

    @Override
    public void markRegistered(KycCase expected, KycCase updated, String investorId, String investorIdDigest, String fingerprint,
            String txHash, long block, AuditRecord record) {
        var advance = CaseItems.advance(table, expected, updated)
                .set("investorId", s(investorId)).set("registrationTx", s(txHash)).set("registrationBlock", n(block));
        // Lineage: one applicant per investor ID; a second applicant's case can never take it over.
        // Keyed by the ID's digest: the item outlives the case's purge (the ID stays on chain).
        var lineage = ownedBy(updated, "INVESTOR#" + investorIdDigest, "LINEAGE");
        var partial = ownedBy(updated, "INVESTOR#" + fingerprint, "FINGERPRINT");
        write(List.of(advance.build(), CaseItems.putNew(table, CaseItems.auditItem(record)), lineage, partial,
                CaseItems.releaseOpenCase(table, updated)));
    }

    @Override
    public void park(KycCase expected, KycCase updated, String reason, AuditRecord record) {
        // Parked index (sparse): compliance lists parked registrations without a scan.
        write(List.of(CaseItems.advance(table, expected, updated).set("registrationParked", s(reason))
                        .set("gsi8pk", s("PARKED")).set("gsi8sk", s(updated.updatedAt() + "#" + updated.caseId())).build(),
                CaseItems.putNew(table, CaseItems.auditItem(record))));
    }

    /** An item naming the applicant a key belongs to; written only if it is new or already theirs. */
    private TransactWriteItem ownedBy(KycCase c, String pk, String sk) {
        return TransactWriteItem.builder().put(software.amazon.awssdk.services.dynamodb.model.Put.builder().tableName(table)
                .item(Map.of("pk", s(pk), "sk", s(sk), "type", s("INVESTOR_" + sk), "applicantId", s(c.applicantId()),
                        "caseId", s(c.caseId())))
                .conditionExpression("attribute_not_exists(pk) OR applicantId = :applicant")
                .expressionAttributeValues(Map.of(":applicant", s(c.applicantId()))).build()).build();
    }

    private void write(List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException e) {
            throw new CaseFiles.ConcurrentChange("registration record refused: " + CaseItems.reasons(e));
        }
    }
}
