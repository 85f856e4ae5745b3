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
import io.kycvault.review.model.ReviewerClaims;
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
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Review state on the case item ({@code firstVote}, {@code leaseHolder}/{@code leaseUntil}, the
 * approved rating), immutable decision items {@code CASE#id/DECISION#at#decisionId}, the registration
 * outbox entry, and each reviewer's claims ({@code REVIEWER#sub/CLAIMS#caseId}, versioned by
 * {@code REVIEWER#sub/CLAIMS}), all written in the case's conditional transaction.
 */
@ApplicationScoped
public class DynamoReviewStore implements ReviewStore {

    static final String QUEUE_INDEX = "byQueue";
    /** {@code REVIEWER#sub/CLAIMS}: the version of a reviewer's claims; {@code REVIEWER#sub/CLAIMS#caseId}: a lease they hold. */
    private static final String CLAIMS_SK = "CLAIMS";
    private static final String LEASE_SK = "CLAIMS#";
    private static final int MAX_PRUNED = 20;

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
    public ReviewerClaims claimsOf(String reviewer) {
        long version = 0;
        Map<String, java.time.Instant> leases = new HashMap<>();
        for (var item : CaseItems.query(dynamo, table, reviewerPk(reviewer), CLAIMS_SK)) {
            String sk = str(item, "sk");
            if (CLAIMS_SK.equals(sk)) {
                version = Long.parseLong(item.get("version").n());
            } else if (sk.startsWith(LEASE_SK)) {
                leases.put(sk.substring(LEASE_SK.length()), time(item, "until"));
            }
        }
        return new ReviewerClaims(version, leases);
    }

    @Override
    public void claim(ReviewFile expected, KycCase updated, Lease lease, ReviewerClaims claims, AuditRecord record) {
        var advance = CaseItems.advance(table, expected.kycCase(), updated)
                .set("leaseHolder", s(lease.reviewer())).set("leaseUntil", t(lease.until()));
        List<TransactWriteItem> items = new ArrayList<>(List.of(advance.build(), CaseItems.putNew(table, CaseItems.auditItem(record))));
        String pk = reviewerPk(lease.reviewer());
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of("pk", s(pk),
                "sk", s(LEASE_SK + updated.caseId()), "type", s("REVIEWER_LEASE"), "until", t(lease.until()))).build()).build());
        // Written only if no other claim of this reviewer was since the count was read.
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk, CLAIMS_SK))
                .updateExpression("SET version = :next, #type = :type")
                .conditionExpression("attribute_not_exists(pk) OR version = :read")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(":next", n(claims.version() + 1), ":read", n(claims.version()),
                        ":type", s("REVIEWER_CLAIMS")))
                .build()).build());
        // Leases that have ended are no longer counted; a few go with each claim.
        claims.ended(updated.updatedAt()).stream().filter(caseId -> !caseId.equals(updated.caseId())).limit(MAX_PRUNED)
                .forEach(caseId -> items.add(endLease(lease.reviewer(), caseId)));
        write(items);
    }

    @Override
    public void release(ReviewFile expected, KycCase updated, AuditRecord record) {
        write(List.of(CaseItems.advance(table, expected.kycCase(), updated).remove("leaseHolder").remove("leaseUntil").build(),
                CaseItems.putNew(table, CaseItems.auditItem(record)), endLease(expected.lease().reviewer(), updated.caseId())));
    }

    /** Removes a reviewer's lease on a case from their claims (no condition: a lease already gone is fine). */
    private TransactWriteItem endLease(String reviewer, String caseId) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(key(reviewerPk(reviewer), LEASE_SK + caseId)).build()).build();
    }

    private static String reviewerPk(String reviewer) {
        return "REVIEWER#" + reviewer;
    }

    @Override
    public void vote(CaseChange transition, VoteChange change, Lease ended) {
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
                    .set(CaseItems.RATING_INDEX_PK, s(CaseItems.RATING))
                    .set(CaseItems.RATING_INDEX_SK, s(change.approvedRating().expiresAt() + "#" + updated.caseId()));
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
        if (ended != null) {
            items.add(endLease(ended.reviewer(), updated.caseId()));
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
