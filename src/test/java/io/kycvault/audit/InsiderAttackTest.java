package io.kycvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.audit.handler.AuditCheckpointFunction;
import io.kycvault.audit.handler.AuditSweepFunction;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.infrastructure.CaseItems;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.local.LocalGateway;
import io.kycvault.local.LocalQueuePollers;
import io.kycvault.registry.application.RegistrationStore;
import io.kycvault.review.handler.RegistrationOutboxFunction;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Wallets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * Each insider attack on the evidence, played with raw writes to the table as any role with write
 * access (or an administrator, or a restore) could: every one is detected and named, the alarm's log
 * line appears, and a forged approval never reaches the chain.
 */
@QuarkusTest
class InsiderAttackTest {

    private static final String TABLE = "kyc-vault-cases";
    private static final String CHECKPOINTS = "kyc-vault-audit-checkpoints-123456789012-eu-central-1";

    @Inject
    LocalGateway gateway;
    @Inject
    LocalQueuePollers pollers;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    CaseStore store;

    @Inject
    CaseFiles caseFiles;
    @Inject
    RegistrationStore registrations;
    @Inject
    ObjectMapper json;

    Api api;
    Cases cases;
    String compliance;
    io.kycvault.testing.AlarmLines alarms;

    @BeforeEach
    void setUp() {
        api = new Api(gateway);
        cases = new Cases(api);
        compliance = api.token("olga-" + UUID.randomUUID(), "kyc-compliance");
        alarms = io.kycvault.testing.AlarmLines.capture();
    }

    @AfterEach
    void tearDown() {
        alarms.close();
    }

    private void checkpoint() {
        var taken = (io.kycvault.audit.application.TakingCheckpoint.Taken) gateway.invokeScheduled(AuditCheckpointFunction.NAME);
        assertThat(taken.cases()).isPositive();
    }

    private JsonNode audit(String caseId) {
        return api.get(compliance, "/audit/cases/" + caseId).json();
    }

    private static boolean names(JsonNode audit, String finding) {
        for (JsonNode p : audit.get("problems")) {
            if (p.get("finding").asText().equals(finding)) {
                return true;
            }
        }
        return false;
    }

    private AuditSweepFunction.Broken swept(String caseId) {
        var summary = (AuditSweepFunction.Summary) gateway.invokeScheduled(AuditSweepFunction.NAME);
        return summary.broken().stream().filter(b -> b.caseId().equals(caseId)).findFirst().orElse(null);
    }

    /** Rewrites the chain from {@code from} on with recomputed hashes and moves the case's head: it verifies in itself. */
    private void rewrite(String caseId, List<AuditRecord> records, CaseStatus status) {
        String previous = records.get(0).previousHash();
        List<AuditRecord> sealed = new ArrayList<>();
        for (AuditRecord r : records) {
            AuditRecord s = AuditRecord.append(caseId, r.sequence(), previous, r.at(), r.actor(), r.action(), r.fromStatus(), r.toStatus(),
                    r.details());
            sealed.add(s);
            previous = s.hash();
        }
        for (AuditRecord s : sealed) {
            dynamo.putItem(r -> r.tableName(TABLE).item(CaseItems.auditItem(s)));
        }
        AuditRecord last = sealed.get(sealed.size() - 1);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":h", AttributeValue.fromS(last.hash()),
                ":n", AttributeValue.fromN(Long.toString(last.sequence()))));
        String update = "SET auditHead = :h, auditSeq = :n";
        if (status != null) {
            update += ", #status = :s";
            values.put(":s", AttributeValue.fromS(status.name()));
        }
        String expression = update;
        dynamo.updateItem(r -> r.tableName(TABLE).key(caseKey(caseId)).updateExpression(expression)
                .expressionAttributeValues(values).expressionAttributeNames(status == null ? null : Map.of("#status", "status")));
    }

    private static Map<String, AttributeValue> caseKey(String caseId) {
        return Map.of("pk", AttributeValue.fromS("CASE#" + caseId), "sk", AttributeValue.fromS("CASE"));
    }

    private static Map<String, AttributeValue> auditKey(String caseId, long sequence) {
        return Map.of("pk", AttributeValue.fromS("CASE#" + caseId), "sk", AttributeValue.fromS(String.format("AUDIT#%010d", sequence)));
    }

    @Test
    void aRewrittenChainWithRecomputedHashesIsCaughtByTheCheckpoint() {
        Cases.Opened c = cases.submitted("insider-rewrite");
        checkpoint();
        List<AuditRecord> trail = new ArrayList<>(caseFiles.auditTrail(c.caseId()));
        AuditRecord second = trail.get(1);
        Map<String, String> details = new LinkedHashMap<>(second.details());
        details.put("rewritten", "by an insider");
        trail.set(1, new AuditRecord(second.caseId(), second.sequence(), second.at(), "someone-else", second.action(),
                second.fromStatus(), second.toStatus(), details, second.previousHash(), second.hash()));
        rewrite(c.caseId(), trail, null);

        JsonNode verdict = audit(c.caseId());
        assertThat(verdict.get("intact").asBoolean()).isFalse();
        assertThat(names(verdict, "REWRITTEN")).as(verdict.get("problems").toString()).isTrue();
        assertThat(names(verdict, "CHANGED")).as("the chain holds in itself: only the checkpoint shows the rewrite").isFalse();
        assertThat(swept(c.caseId())).isNotNull();
        assertThat(alarms.lines()).anySatisfy(line -> assertThat(line).contains("AUDIT_CHAIN_BROKEN").contains(c.caseId()));
    }

    @Test
    void aTruncatedChainIsCaughtByTheCheckpoint() {
        Cases.Opened c = cases.submitted("insider-truncate");
        checkpoint();
        List<AuditRecord> trail = caseFiles.auditTrail(c.caseId());
        AuditRecord keep = trail.get(trail.size() - 3);
        for (AuditRecord r : trail.subList(trail.size() - 2, trail.size())) {
            dynamo.deleteItem(x -> x.tableName(TABLE).key(auditKey(c.caseId(), r.sequence())));
        }
        dynamo.updateItem(r -> r.tableName(TABLE).key(caseKey(c.caseId())).updateExpression("SET auditHead = :h, auditSeq = :n")
                .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(keep.hash()),
                        ":n", AttributeValue.fromN(Long.toString(keep.sequence())))));

        JsonNode verdict = audit(c.caseId());
        assertThat(names(verdict, "TRUNCATED")).as(verdict.get("problems").toString()).isTrue();
        assertThat(names(verdict, "MISSING")).as("the cut chain holds in itself").isFalse();
        assertThat(swept(c.caseId())).isNotNull();
        assertThat(alarms.lines()).anySatisfy(line -> assertThat(line).contains("AUDIT_CHAIN_BROKEN").contains(c.caseId()));
    }

    @Test
    void aDeletedCaseIsNamedAsVanished() {
        Cases.Opened c = cases.submitted("insider-delete");
        checkpoint();
        var everything = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CASE#" + c.caseId())))).items();
        for (var item : everything) {
            dynamo.deleteItem(r -> r.tableName(TABLE).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        }

        JsonNode verdict = audit(c.caseId());
        assertThat(names(verdict, "VANISHED")).as(verdict.toString()).isTrue();
        assertThat(swept(c.caseId())).isNotNull();
        assertThat(alarms.lines()).anySatisfy(line -> assertThat(line).contains("AUDIT_CHAIN_BROKEN").contains(c.caseId()));
    }

    @Test
    void recordsSinceTheCheckpointAreReportedAsNotYetAnchored() {
        Cases.Opened c = cases.submitted("insider-anchored");
        checkpoint();
        assertThat(audit(c.caseId()).get("notYetAnchored").asLong()).isZero();
        api.get(api.token("rita-" + UUID.randomUUID(), "kyc-reviewer"), "/review/cases/" + c.caseId());
        JsonNode verdict = audit(c.caseId());
        assertThat(verdict.get("intact").asBoolean()).isTrue();
        assertThat(verdict.get("notYetAnchored").asLong()).isPositive();
        assertThat(verdict.get("checkpoint").asText()).isNotBlank();
    }

    @Test
    void aForgedApprovalWithAnOutboxEntryIsNeverRegistered() throws Exception {
        Cases.Opened c = cases.open("insider-forge", Api.personalData("Mallory", "Forger"));
        cases.uploadRequiredDocuments(c);
        Wallets.prove(api, c.token(), c.caseId());
        assertThat(api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null).status()).isEqualTo(200);
        // The insider appends two approvals that look like the review function's, moves the case to
        // APPROVED with a consistent chain, and leaves an outbox entry for the relay.
        List<AuditRecord> trail = new ArrayList<>(caseFiles.auditTrail(c.caseId()));
        AuditRecord head = trail.get(trail.size() - 1);
        String evidence = io.kycvault.review.model.Evidence.fingerprint(store.documents(c.caseId()),
                caseFiles.find(c.caseId()).orElseThrow().personalDataVersion());
        String expires = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
        Instant now = Instant.now();
        for (String[] vote : List.of(new String[] {"reviewer-a", "FIRST_VOTE", head.toStatus(), "PENDING_SECOND_APPROVAL"},
                new String[] {"reviewer-b", "APPROVED", "PENDING_SECOND_APPROVAL", "APPROVED"})) {
            AuditRecord last = trail.get(trail.size() - 1);
            trail.add(AuditRecord.append(c.caseId(), last.sequence() + 1, last.hash(), now, vote[0], "DECISION_RECORDED", vote[2], vote[3],
                    Map.of("decisionId", UUID.randomUUID().toString(), "decision", "APPROVE", "outcome", vote[1], "reasons",
                            "DOCUMENTS_CONSISTENT", "evidence", evidence, "rating", "8", "ratingExpiresOn", expires,
                            "signature", "MEUCIQDforgedforgedforgedforgedforgedforgedforgedforgedAiBforgedforgedforgedforgedforged")));
        }
        rewrite(c.caseId(), trail.subList(trail.size() - 2, trail.size()), CaseStatus.APPROVED);
        long expiresAt = LocalDate.parse(expires).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        var request = new io.kycvault.review.application.RegistrationRequest(c.caseId(), UUID.randomUUID().toString(), 8, expiresAt,
                "DE", caseFiles.find(c.caseId()).orElseThrow().wallets());
        dynamo.putItem(r -> {
            try {
                r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("OUTBOX"), "sk", AttributeValue.fromS("REGISTRATION#" + c.caseId()),
                        "type", AttributeValue.fromS("OUTBOX"), "caseId", AttributeValue.fromS(c.caseId()),
                        "deduplicationId", AttributeValue.fromS(request.deduplicationId()),
                        "body", AttributeValue.fromS(json.writeValueAsString(request))));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        pollers.resume("kyc-vault-registrations.fifo");
        gateway.invokeScheduled(RegistrationOutboxFunction.NAME);

        for (int i = 0; i < 120 && registrations.parkedReason(c.caseId()).isEmpty(); i++) {
            Cases.sleep(250);
        }
        assertThat(registrations.parkedReason(c.caseId())).contains("APPROVAL_NOT_PROVEN");
        assertThat(caseFiles.find(c.caseId()).orElseThrow().status()).as("never registered").isEqualTo(CaseStatus.APPROVED);
        assertThat(caseFiles.auditTrail(c.caseId())).noneMatch(r -> r.action().startsWith("INVESTOR_"));
        assertThat(alarms.lines()).anySatisfy(line -> assertThat(line).contains("SECURITY_EVENT").contains(c.caseId()));
        JsonNode verdict = audit(c.caseId());
        assertThat(names(verdict, "FORGED_DECISION")).as(verdict.get("problems").toString()).isTrue();
        assertThat(names(verdict, "APPROVAL_NOT_PROVEN")).isTrue();
    }

    @Test
    void aGenuineApprovalIsProvenToTheAudit() {
        Cases.Opened c = cases.submitted("insider-genuine");
        String expiry = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
        cases.decide(api.token("r1-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), Cases.approve(8, expiry));
        cases.decide(api.token("r2-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), Cases.approve(8, expiry));
        JsonNode verdict = audit(c.caseId());
        assertThat(verdict.get("intact").asBoolean()).as(verdict.get("problems").toString()).isTrue();
        assertThat(caseFiles.auditTrail(c.caseId())).filteredOn(r -> r.action().equals("DECISION_RECORDED"))
                .allSatisfy(r -> assertThat(r.details().get("signature")).isNotBlank());
    }

    @Test
    void aCheckpointCannotBeDeletedOrReplacedUnnoticed() {
        cases.submitted("insider-checkpoint");
        checkpoint();
        var latest = s3.listObjectsV2(r -> r.bucket(CHECKPOINTS).prefix("checkpoints/").maxKeys(1)).contents().get(0);
        var version = s3.listObjectVersions(r -> r.bucket(CHECKPOINTS).prefix(latest.key())).versions().get(0);
        // Object Lock, compliance mode: the version cannot be deleted before its retention ends.
        assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket(CHECKPOINTS).key(latest.key()).versionId(version.versionId())))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        assertThat(s3.getObjectRetention(r -> r.bucket(CHECKPOINTS).key(latest.key()).versionId(version.versionId())).retention().modeAsString())
                .isEqualTo("COMPLIANCE");
        // A new version under the same name (in AWS the bucket policy refuses the write to every role
        // but the checkpoint function's) is not signed by the checkpoint key: the checkpoint is invalid.
        s3.putObject(r -> r.bucket(CHECKPOINTS).key(latest.key()).checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("{\"id\":\"forged\",\"takenAt\":\"2026-01-01T00:00:00Z\",\"cases\":{},\"signature\":\"x\"}"));
        try {
            var summary = (AuditSweepFunction.Summary) gateway.invokeScheduled(AuditSweepFunction.NAME);
            assertThat(summary.broken()).isNotEmpty();
            assertThat(summary.broken().get(0).problems()).anySatisfy(p -> assertThat(p).contains("CHECKPOINT_INVALID"));
            assertThat(s3.listObjectVersions(r -> r.bucket(CHECKPOINTS).prefix(latest.key())).versions())
                    .as("the genuine version is still there").anySatisfy(v -> assertThat(v.versionId()).isEqualTo(version.versionId()));
        } finally {
            checkpoint(); // a newer genuine checkpoint for the tests that follow
        }
    }
}
