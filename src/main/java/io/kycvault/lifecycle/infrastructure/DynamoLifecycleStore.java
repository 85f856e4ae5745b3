package io.kycvault.lifecycle.infrastructure;

import static io.kycvault.shared.dynamo.Items.casePk;
import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;
import static io.kycvault.shared.dynamo.Items.t;
import static io.kycvault.shared.dynamo.Items.time;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.CaseParts;
import io.kycvault.casefile.infrastructure.CaseItems;
import io.kycvault.casefile.infrastructure.StoreConfig;
import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.lifecycle.application.LifecycleStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Three sparse indexes drive the job without scanning: {@code byRating} (cases with a rating, by
 * expiry), {@code byRetention} (cases whose relationship ended, by retention end) and
 * {@code byDraft} (unsubmitted drafts, by creation).
 */
@ApplicationScoped
public class DynamoLifecycleStore implements LifecycleStore {

    /** The one partition of the sparse attention index (held or restricted cases). */
    static final String ATTENTION = "ATTENTION";

    private static final Map<String, AttributeValue> LEASE = key("LIFECYCLE", "LEASE");

    private final DynamoDbClient dynamo;
    private final String table;

    private final CaseParts parts;

    public DynamoLifecycleStore(DynamoDbClient dynamo, StoreConfig config, CaseParts parts) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.parts = parts;
    }

    @Override
    public Optional<LifecycleFile> load(String caseId) {
        var r = dynamo.getItem(g -> g.tableName(table).key(key(casePk(caseId), CaseItems.CASE_SK)).consistentRead(true)
                .projectionExpression(CaseItems.CASE_ATTRIBUTES + ", ratingExpiresAt, relationshipEndedAt, retentionEndsAt, "
                        + "legalHold, processingRestricted, erasureRequestedAt, expiringEventPending, investorId, registrationTx, purged")
                .expressionAttributeNames(Map.of("#status", "status")));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        var i = r.item();
        return Optional.of(new LifecycleFile(CaseItems.toCase(i), time(i, "ratingExpiresAt"), time(i, "relationshipEndedAt"),
                time(i, "retentionEndsAt"), str(i, "legalHold"), bool(i, "processingRestricted"), time(i, "erasureRequestedAt"),
                bool(i, "expiringEventPending"), str(i, "investorId"), str(i, "registrationTx"), bool(i, "purged")));
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    @Override
    public List<String> ratingsExpiringBy(Instant until) {
        return index(CaseItems.RATING_INDEX, CaseItems.RATING_INDEX_PK, CaseItems.RATING_INDEX_SK, CaseItems.RATING, until);
    }

    @Override
    public List<String> retentionEndedBy(Instant until) {
        return index(CaseItems.RETENTION_INDEX, CaseItems.RETENTION_INDEX_PK, CaseItems.RETENTION_INDEX_SK, CaseItems.RETENTION, until);
    }

    @Override
    public List<String> draftsCreatedBy(Instant until) {
        return index(CaseItems.DRAFT_INDEX, CaseItems.DRAFT_INDEX_PK, CaseItems.DRAFT_INDEX_SK, CaseItems.DRAFT, until);
    }

    private List<String> index(String index, String pk, String sk, String partition, Instant until) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression(pk + " = :p AND " + sk + " <= :until")
                    .expressionAttributeValues(Map.of(":p", s(partition), ":until", s(until + "#\uffff")));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            var response = dynamo.query(q.build());
            response.items().forEach(item -> ids.add(str(item, "pk").substring("CASE#".length())));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    @Override
    public List<String> casesOf(String applicantId) {
        List<String> ids = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).indexName("byApplicant").keyConditionExpression("gsi1pk = :a")
                .expressionAttributeValues(Map.of(":a", s("APPLICANT#" + applicantId))))
                .items().forEach(item -> ids.add(str(item, "pk").substring("CASE#".length())));
        return ids;
    }

    @Override
    public void change(LifecycleFile expected, CaseChange transition, Change c) {
        KycCase updated = transition.after();
        var advance = CaseItems.advance(table, transition, parts.of(transition.events()));
        if (c.expiringEventPending() != null) {
            if (c.expiringEventPending()) {
                advance.set("expiringEventPending", AttributeValue.fromBool(true));
            } else {
                advance.remove("expiringEventPending");
            }
        }
        if (Boolean.TRUE.equals(c.leaveRatingIndex())) {
            advance.remove(CaseItems.RATING_INDEX_PK).remove(CaseItems.RATING_INDEX_SK);
        }
        if (c.legalHold() != null) {
            advance.set("legalHold", s(c.legalHold()));
        }
        if (c.clearLegalHold()) {
            advance.remove("legalHold");
        }
        if (Boolean.TRUE.equals(c.processingRestricted())) {
            advance.set("processingRestricted", AttributeValue.fromBool(true)).remove("gsi2pk").remove("gsi2sk");
        }
        if (c.erasureRequestedAt() != null) {
            advance.set("erasureRequestedAt", t(c.erasureRequestedAt()));
        }
        // Attention index (sparse): the case is listed for compliance while held or restricted.
        boolean held = c.legalHold() != null || expected.legalHold() != null && !c.clearLegalHold();
        boolean restricted = Boolean.TRUE.equals(c.processingRestricted()) || expected.processingRestricted();
        if ((held || restricted) && !c.purgePersonalData() && !expected.purged()) {
            advance.set("gsi7pk", s(ATTENTION)).set("gsi7sk", s(updated.caseId()));
        } else {
            advance.remove("gsi7pk").remove("gsi7sk");
        }
        if (c.purgePersonalData()) {
            advance.shredPersonalData();
        }
        List<TransactWriteItem> items = new ArrayList<>(List.of(advance.build(), CaseItems.putNew(table, CaseItems.auditItem(transition.record()))));
        if (c.releaseApplicant()) {
            items.add(CaseItems.releaseOpenCase(table, updated));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException e) {
            throw new CaseFiles.ConcurrentChange("lifecycle change refused: " + CaseItems.reasons(e));
        }
    }

    @Override
    public int deleteCaseData(String caseId) {
        int deleted = 0;
        var everything = dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(casePk(caseId))))).items();
        for (var item : everything) {
            String sk = str(item, "sk");
            if (CaseItems.CASE_SK.equals(sk) || sk.startsWith("AUDIT#")) {
                continue;
            }
            dynamo.deleteItem(r -> r.tableName(table).key(key(casePk(caseId), sk)));
            deleted++;
        }
        return deleted;
    }

    @Override
    public List<LifecycleFile> pendingErasuresAndHolds() {
        List<LifecycleFile> out = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).indexName("byAttention").keyConditionExpression("gsi7pk = :a")
                .expressionAttributeValues(Map.of(":a", s(ATTENTION))))
                .items().forEach(item -> load(str(item, "pk").substring("CASE#".length()))
                        .filter(f -> !f.purged() && (f.processingRestricted() || f.legalHold() != null)).ifPresent(out::add));
        return out;
    }

    @Override
    public boolean acquireLease(String holder, Instant now, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>(LEASE);
        item.put("holder", s(holder));
        item.put("until", t(until));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #until < :now")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":now", t(now))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    @Override
    public void releaseLease(String holder) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(LEASE).conditionExpression("holder = :h")
                    .expressionAttributeValues(Map.of(":h", s(holder))));
        } catch (ConditionalCheckFailedException taken) {
            // The lease expired and another run holds it now.
        }
    }
}
