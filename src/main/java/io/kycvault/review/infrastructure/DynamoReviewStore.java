package io.kycvault.review.infrastructure;

import static io.kycvault.shared.dynamo.Items.casePk;
import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.n;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;
import static io.kycvault.shared.dynamo.Items.t;
import static io.kycvault.shared.dynamo.Items.time;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.CaseParts;
import io.kycvault.casefile.infrastructure.CaseItems;
import io.kycvault.casefile.infrastructure.StoreConfig;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.CaseEvent;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.review.application.ReviewStore;
import io.kycvault.review.model.Lease;
import io.kycvault.review.model.ReviewFile;
import io.kycvault.review.model.Vote;
import io.kycvault.review.model.VoteKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Review state on the case item ({@code firstVote}, {@code leaseHolder}/{@code leaseUntil}, the
 * approved rating), immutable decision items {@code CASE#id/DECISION#at#decisionId}, and the
 * registration outbox entry, all written in the case's conditional transaction.
 */
@ApplicationScoped
public class DynamoReviewStore implements ReviewStore {

    static final String QUEUE_INDEX = "byQueue";

    private final DynamoDbClient dynamo;
    private final String table;
    private final RegistrationOutbox outbox;
    private final CaseParts parts;

    public DynamoReviewStore(DynamoDbClient dynamo, StoreConfig config, RegistrationOutbox outbox, CaseParts parts) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.outbox = outbox;
        this.parts = parts;
    }

    @Override
    public Optional<ReviewFile> load(String caseId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(casePk(caseId), CaseItems.CASE_SK)).consistentRead(true)
                .projectionExpression(CaseItems.CASE_ATTRIBUTES + ", firstVote, leaseHolder, leaseUntil, processingRestricted")
                .expressionAttributeNames(Map.of("#status", "status")));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        var item = response.item();
        Lease lease = item.containsKey("leaseHolder") ? new Lease(str(item, "leaseHolder"), time(item, "leaseUntil")) : null;
        Vote first = item.containsKey("firstVote") ? toVote(item.get("firstVote").m()) : null;
        boolean restricted = item.containsKey("processingRestricted") && Boolean.TRUE.equals(item.get("processingRestricted").bool());
        return Optional.of(new ReviewFile(CaseItems.toCase(item), first, lease, restricted));
    }

    @Override
    public QueuePage queue(String status, String country, int limit, Map<String, String> cursor) {
        QueryRequest.Builder q = QueryRequest.builder()
                .tableName(table)
                .indexName(QUEUE_INDEX)
                .keyConditionExpression("gsi2pk = :queue")
                .scanIndexForward(true)
                .limit(limit);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queue", s("QUEUE#" + status)));
        if (country != null) {
            q.filterExpression("country = :country");
            values.put(":country", s(country));
        }
        q.expressionAttributeValues(values);
        if (cursor != null) {
            Map<String, AttributeValue> start = new HashMap<>();
            cursor.forEach((k, v) -> start.put(k, s(v)));
            q.exclusiveStartKey(start);
        }
        var response = dynamo.query(q.build());
        List<QueueEntry> entries = response.items().stream().map(i -> new QueueEntry(str(i, "caseId"), str(i, "applicantId"),
                str(i, "status"), str(i, "country"), str(i, "createdAt"), str(i, "updatedAt"), str(i, "submittedAt"),
                str(i, "leaseHolder"), str(i, "leaseUntil"))).toList();
        Map<String, String> next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            next = new LinkedHashMap<>();
            for (var e : response.lastEvaluatedKey().entrySet()) {
                next.put(e.getKey(), e.getValue().s());
            }
        }
        return new QueuePage(entries, next);
    }

    @Override
    public int casesHeldBy(String reviewer, java.time.Instant now) {
        int held = 0;
        for (String queue : CaseItems.QUEUED.stream().map(Enum::name).sorted().toList()) {
            Map<String, AttributeValue> start = null;
            do {
                var response = dynamo.query(QueryRequest.builder()
                        .tableName(table)
                        .indexName(QUEUE_INDEX)
                        .keyConditionExpression("gsi2pk = :queue")
                        .filterExpression("leaseHolder = :reviewer")
                        .projectionExpression("leaseUntil")
                        .expressionAttributeValues(Map.of(":queue", s("QUEUE#" + queue), ":reviewer", s(reviewer)))
                        .exclusiveStartKey(start)
                        .build());
                held += (int) response.items().stream().filter(i -> time(i, "leaseUntil").isAfter(now)).count();
                start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return held;
    }

    @Override
    public void changeLease(ReviewFile expected, KycCase updated, Lease lease, AuditRecord record) {
        var advance = CaseItems.advance(table, expected.kycCase(), updated);
        if (lease == null) {
            advance.remove("leaseHolder").remove("leaseUntil");
        } else {
            advance.set("leaseHolder", s(lease.reviewer())).set("leaseUntil", t(lease.until()));
        }
        write(List.of(advance.build(), CaseItems.putNew(table, CaseItems.auditItem(record))));
    }

    @Override
    public void vote(CaseChange transition, VoteChange change) {
        KycCase updated = transition.after();
        var advance = CaseItems.advance(table, transition, parts.of(transition.events())).remove("leaseHolder").remove("leaseUntil");
        if (change.firstVote() != null) {
            advance.set("firstVote", AttributeValue.fromM(voteAttributes(change.firstVote())));
        } else {
            advance.remove("firstVote");
        }
        if (change.approvedRating() != null) {
            advance.set("approvalId", s(change.approvedRating().approvalId()))
                    .set("rating", n(change.approvedRating().rating()))
                    .set("ratingExpiresAt", t(change.approvedRating().expiresAt()))
                    // Rating index: the lifecycle job finds expiring ratings without a scan.
                    .set("gsi3pk", s("RATING"))
                    .set("gsi3sk", s(change.approvedRating().expiresAt() + "#" + updated.caseId()));
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(advance.build());
        Vote v = change.vote();
        Map<String, AttributeValue> decision = new HashMap<>(key(casePk(updated.caseId()), "DECISION#" + v.at() + "#" + v.decisionId()));
        decision.put("type", s("DECISION"));
        decision.put("caseId", s(updated.caseId()));
        decision.putAll(voteAttributes(v));
        items.add(CaseItems.putNew(table, decision));
        items.add(CaseItems.putNew(table, CaseItems.auditItem(transition.record())));
        if (change.registration() != null) {
            items.add(CaseItems.putNew(table, outbox.item(change.registration())));
        }
        if (transition.events().stream().anyMatch(CaseEvent.CaseRejected.class::isInstance)) {
            // A rejected case is closed: the applicant may open another.
            items.add(CaseItems.releaseOpenCase(table, updated));
        }
        write(items);
    }

    @Override
    public void voidFirstVote(ReviewFile expected, KycCase updated, AuditRecord record) {
        write(List.of(CaseItems.advance(table, expected.kycCase(), updated).remove("firstVote").build(),
                CaseItems.putNew(table, CaseItems.auditItem(record))));
    }

    @Override
    public List<Vote> decisions(String caseId) {
        return CaseItems.query(dynamo, table, casePk(caseId), "DECISION#").stream().map(DynamoReviewStore::toVote).toList();
    }

    private void write(List<TransactWriteItem> items) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
        } catch (TransactionCanceledException e) {
            throw new CaseFiles.ConcurrentChange("review write refused: " + CaseItems.reasons(e));
        }
    }

    private static Map<String, AttributeValue> voteAttributes(Vote v) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("decisionId", s(v.decisionId()));
        m.put("reviewer", s(v.reviewer()));
        m.put("decision", s(v.kind().name()));
        m.put("reasons", AttributeValue.fromL(v.reasonCodes().stream().map(io.kycvault.shared.dynamo.Items::s).toList()));
        m.put("evidence", s(v.evidence()));
        m.put("at", t(v.at()));
        if (v.rating() != null) {
            m.put("rating", n(v.rating()));
            m.put("ratingExpiresOn", s(v.ratingExpiresOn().toString()));
        }
        return m;
    }

    private static Vote toVote(Map<String, AttributeValue> m) {
        AttributeValue rating = m.get("rating");
        String expires = str(m, "ratingExpiresOn");
        return new Vote(str(m, "decisionId"), str(m, "reviewer"), VoteKind.valueOf(str(m, "decision")),
                m.get("reasons").l().stream().map(AttributeValue::s).toList(),
                rating == null ? null : Integer.valueOf(rating.n()), expires == null ? null : LocalDate.parse(expires),
                str(m, "evidence"), time(m, "at"));
    }
}
