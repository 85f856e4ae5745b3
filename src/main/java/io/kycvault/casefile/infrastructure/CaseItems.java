package io.kycvault.casefile.infrastructure;

import static io.kycvault.shared.dynamo.Items.casePk;
import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.n;
import static io.kycvault.shared.dynamo.Items.num;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;
import static io.kycvault.shared.dynamo.Items.t;
import static io.kycvault.shared.dynamo.Items.time;

import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.CasePart;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.DocumentType;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.casefile.model.RetentionPolicy;
import io.kycvault.shared.dynamo.Items;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * How a case and its audit records are laid out in the table, shared by every capability that
 * writes to a case. Every write to the case item goes through {@link #advance},
 * which is conditional on the audit sequence the writer read.
 */
public final class CaseItems {

    public static final String CASE_SK = "CASE";
    /**
     * The case's own attributes, as a projection ({@code #status} names "status"); a capability reading
     * the case item with its own part appends its attributes to this list.
     */
    public static final String CASE_ATTRIBUTES = "caseId, applicantId, #status, country, createdAt, updatedAt, "
            + "presignsIssued, pdVersion, auditSeq, auditHead, resubmission, wallets";
    /** The sparse index of case items only, and its one partition. */
    public static final String CASES_INDEX = "byCase";
    public static final String CASES_INDEX_PK = "gsi6pk";
    public static final String CASES = "CASES";
    /**
     * The retention part ({@link RetentionPolicy.RetentionClock}): when the relationship ended, when the
     * retention ends, and the sparse index of cases by retention end that the lifecycle job purges from.
     */
    public static final String RELATIONSHIP_ENDED_AT = "relationshipEndedAt";
    public static final String RETENTION_ENDS_AT = "retentionEndsAt";
    public static final String RETENTION_INDEX = "byRetention";
    public static final String RETENTION_INDEX_PK = "gsi4pk";
    public static final String RETENTION_INDEX_SK = "gsi4sk";
    public static final String RETENTION = "RETENTION";
    /** The sparse index of approved cases by rating expiry (written by review, read by the lifecycle job). */
    public static final String RATING_INDEX = "byRating";
    public static final String RATING_INDEX_PK = "gsi3pk";
    public static final String RATING_INDEX_SK = "gsi3sk";
    public static final String RATING = "RATING";
    /** The sparse index of drafts by creation (written with the case, read by the lifecycle job). */
    public static final String DRAFT_INDEX = "byDraft";
    public static final String DRAFT_INDEX_PK = "gsi5pk";
    public static final String DRAFT_INDEX_SK = "gsi5sk";
    public static final String DRAFT = "DRAFT";
    /**
     * Every attribute of the case item that holds personal data or points to it, whichever capability
     * writes it: the sealed personal data and its wrapped data key (intake), the wallets (the kernel, from
     * registry's proofs), the investor ID and its registration transaction (registry), the first vote and
     * the resubmission (review). {@link Advance#shredPersonalData} removes exactly these; a capability that
     * adds a personal attribute to the case item names it here.
     */
    public static final List<String> PERSONAL_DATA_ATTRIBUTES = List.of("pdCiphertext", "pdDataKey", "wallets", "investorId",
            "registrationTx", "registrationBlock", "firstVote", "resubmission");
    /** The sparse indexes that list a case for later work (retention, rating expiry, draft expiry): none lists a purged case. */
    public static final List<String> LISTING_INDEX_ATTRIBUTES = List.of(RETENTION_INDEX_PK, RETENTION_INDEX_SK, RATING_INDEX_PK,
            RATING_INDEX_SK, DRAFT_INDEX_PK, DRAFT_INDEX_SK);
    /** Statuses that put a case in the reviewers' queue index. */
    public static final Set<CaseStatus> QUEUED = Set.of(CaseStatus.IN_REVIEW, CaseStatus.PENDING_SECOND_APPROVAL,
            CaseStatus.PENDING_SECOND_REJECTION);

    private CaseItems() {
    }

    /** The conditional update of the case item for one state change, with room for more attributes. */
    public static final class Advance {
        private final String table;
        private final KycCase expected;
        private final KycCase updated;
        private final Map<String, AttributeValue> sets = new LinkedHashMap<>();
        private final List<String> removes = new ArrayList<>();

        Advance(String table, KycCase expected, KycCase updated) {
            this.table = table;
            this.expected = expected;
            this.updated = updated;
            set("status", s(updated.status().name()));
            set("updatedAt", t(updated.updatedAt()));
            set("presignsIssued", n(updated.presignsIssued()));
            set("pdVersion", n(updated.personalDataVersion()));
            set("auditSeq", n(updated.auditSequence()));
            set("auditHead", s(updated.auditHead()));
            if (!updated.wallets().isEmpty()) {
                set("wallets", AttributeValue.fromL(updated.wallets().stream().map(Items::s).toList()));
            }
            if (updated.resubmission() != null) {
                set("resubmission", resubmission(updated.resubmission()));
            } else {
                remove("resubmission");
            }
            if (updated.status() != CaseStatus.DRAFT) {
                remove(DRAFT_INDEX_PK);
                remove(DRAFT_INDEX_SK);
                remove("expiresAt");
            }
            if (QUEUED.contains(updated.status()) && !QUEUED.contains(expected.status())) {
                // (Re)submission: the review's service level counts from here (ReadingReviewQueue's due date).
                set("submittedAt", t(updated.updatedAt()));
            }
            if (QUEUED.contains(updated.status())) {
                set("gsi2pk", s("QUEUE#" + updated.status().name()));
                set("gsi2sk", s(updated.createdAt() + "#" + updated.caseId()));
            } else {
                remove("gsi2pk");
                remove("gsi2sk");
            }
        }

        /** A capability's typed part (from the change's events, {@link io.kycvault.casefile.application.CaseParts}). */
        public Advance part(CasePart part) {
            switch (part) {
                case RetentionPolicy.RetentionClock clock -> set(RELATIONSHIP_ENDED_AT, t(clock.relationshipEndedAt()))
                        .set(RETENTION_ENDS_AT, t(clock.retentionEndsAt()))
                        .set(RETENTION_INDEX_PK, s(RETENTION))
                        .set(RETENTION_INDEX_SK, s(clock.retentionEndsAt() + "#" + updated.caseId()));
            }
            return this;
        }

        /**
         * Crypto-shredding: removes {@link #PERSONAL_DATA_ATTRIBUTES} (without the wrapped data key the
         * ciphertext is noise; both go) and {@link #LISTING_INDEX_ATTRIBUTES}, and marks the item purged.
         */
        public Advance shredPersonalData() {
            PERSONAL_DATA_ATTRIBUTES.forEach(this::remove);
            LISTING_INDEX_ATTRIBUTES.forEach(this::remove);
            return set("purged", AttributeValue.fromBool(true));
        }

        public Advance set(String attribute, AttributeValue value) {
            removes.remove(attribute);
            sets.put(attribute, value);
            return this;
        }

        public Advance remove(String attribute) {
            sets.remove(attribute);
            if (!removes.contains(attribute)) {
                removes.add(attribute);
            }
            return this;
        }

        public TransactWriteItem build() {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> assignments = new ArrayList<>();
            int i = 0;
            for (var e : sets.entrySet()) {
                names.put("#a" + i, e.getKey());
                values.put(":v" + i, e.getValue());
                assignments.add("#a" + i + " = :v" + i);
                i++;
            }
            List<String> removals = new ArrayList<>();
            for (String attribute : removes) {
                names.put("#a" + i, attribute);
                removals.add("#a" + i);
                i++;
            }
            names.put("#seq", "auditSeq");
            values.put(":expectedSeq", n(expected.auditSequence()));
            String expression = "SET " + String.join(", ", assignments) + (removals.isEmpty() ? "" : " REMOVE " + String.join(", ", removals));
            return TransactWriteItem.builder().update(Update.builder()
                    .tableName(table)
                    .key(key(casePk(updated.caseId()), CASE_SK))
                    .updateExpression(expression)
                    .conditionExpression("#seq = :expectedSeq")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build()).build();
        }
    }

    /**
     * The conditional update for a change that emits no events (a capability's own step). A final rejection
     * emits events whose parts go with it, so it is refused here: {@link #advance(String, CaseChange, List)}.
     */
    public static Advance advance(String table, KycCase expected, KycCase updated) {
        if (updated.status() == CaseStatus.REJECTED && expected.status() != CaseStatus.REJECTED) {
            throw new IllegalStateException("a final rejection is written with the parts of its events (advance with the CaseChange)");
        }
        return new Advance(table, expected, updated);
    }

    /**
     * The conditional update for {@code change} with the parts its events imply ({@code parts}, from
     * {@link io.kycvault.casefile.application.CaseParts#of} of {@code change.events()}).
     */
    public static Advance advance(String table, CaseChange change, List<CasePart> parts) {
        Advance advance = new Advance(table, change.before(), change.after());
        parts.forEach(advance::part);
        return advance;
    }

    /**
     * {@code APPLICANT#sub/OPEN_CASE}: one case in progress per applicant. Written new with the case
     * (a second open refused by its condition); released, in the same transaction as the change that
     * frees the applicant, when the case is finally rejected (review), registered on chain (registry),
     * or when the relationship is ended by two officers or the applicant's erasure is accepted
     * (lifecycle). {@link #releaseOpenCase} only removes the lock this case holds.
     */
    public static TransactWriteItem openCase(String table, KycCase created) {
        Map<String, AttributeValue> lock = new HashMap<>(openCaseKey(created));
        lock.put("caseId", s(created.caseId()));
        return putNew(table, lock);
    }

    /** Releases the applicant's {@link #openCase} lock if this case holds it (a lock already gone is fine). */
    public static TransactWriteItem releaseOpenCase(String table, KycCase c) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(openCaseKey(c))
                .conditionExpression("attribute_not_exists(pk) OR caseId = :caseId")
                .expressionAttributeValues(Map.of(":caseId", s(c.caseId()))).build()).build();
    }

    private static Map<String, AttributeValue> openCaseKey(KycCase c) {
        return key("APPLICANT#" + c.applicantId(), "OPEN_CASE");
    }

    public static TransactWriteItem putNew(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    public static boolean failed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    public static String reasons(TransactionCanceledException e) {
        return e.cancellationReasons() == null ? "unknown" : e.cancellationReasons().stream().map(CancellationReason::code).toList().toString();
    }

    /** All items of a partition whose sort key starts with a prefix, consistently read, every page. */
    public static List<Map<String, AttributeValue>> query(DynamoDbClient dynamo, String table, String pk, String skPrefix) {
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

    public static AuditRecord toAuditRecord(Map<String, AttributeValue> item) {
        Map<String, String> details = new TreeMap<>();
        AttributeValue d = item.get("details");
        if (d != null && d.hasM()) {
            d.m().forEach((k, v) -> details.put(k, v.s()));
        }
        return new AuditRecord(str(item, "caseId"), num(item, "seq"), time(item, "at"), str(item, "actor"),
                str(item, "action"), str(item, "fromStatus"), str(item, "toStatus"), details,
                str(item, "prevHash"), str(item, "hash"));
    }

    public static Map<String, AttributeValue> caseItem(KycCase c) {
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
        item.put("expiresAt", n(c.createdAt().plus(RetentionPolicy.DRAFT_BACKSTOP).getEpochSecond()));
        // Drafts index: abandoned drafts are found without a scan (the lifecycle job).
        item.put(DRAFT_INDEX_PK, s(DRAFT));
        item.put(DRAFT_INDEX_SK, s(c.createdAt() + "#" + c.caseId()));
        // Cases index (sparse: case items only): every chain's head without a scan (audit sweep, checkpoint).
        item.put(CASES_INDEX_PK, s(CASES));
        item.put("gsi6sk", s(c.caseId()));
        return item;
    }

    public static KycCase toCase(Map<String, AttributeValue> item) {
        return new KycCase(str(item, "caseId"), str(item, "applicantId"), CaseStatus.valueOf(str(item, "status")),
                str(item, "country"), time(item, "createdAt"), time(item, "updatedAt"), (int) num(item, "presignsIssued"),
                (int) num(item, "pdVersion"), num(item, "auditSeq"), str(item, "auditHead"), resubmission(item.get("resubmission")),
                item.containsKey("wallets") ? item.get("wallets").l().stream().map(AttributeValue::s).toList() : List.of());
    }

    static AttributeValue resubmission(KycCase.Resubmission r) {
        return AttributeValue.fromM(Map.of(
                "requestedAt", t(r.requestedAt()),
                "documents", AttributeValue.fromL(r.documents().stream().map(d -> s(d.name())).sorted(
                        java.util.Comparator.comparing(AttributeValue::s)).toList()),
                "reasons", AttributeValue.fromL(r.reasonCodes().stream().map(Items::s).toList())));
    }

    static KycCase.Resubmission resubmission(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new KycCase.Resubmission(time(m, "requestedAt"),
                m.get("documents").l().stream().map(v -> DocumentType.valueOf(v.s())).collect(java.util.stream.Collectors.toSet()),
                m.get("reasons").l().stream().map(AttributeValue::s).toList());
    }

    public static Map<String, AttributeValue> auditItem(AuditRecord r) {
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
