package io.kycvault.lifecycle;

import static io.kycvault.testing.Api.assertCode;
import static io.kycvault.testing.Cases.approve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.audit.model.AuditChain;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.lifecycle.application.LifecycleStore;
import io.kycvault.lifecycle.application.RunningLifecycle;
import io.kycvault.local.LocalGateway;
import io.kycvault.registry.contract.KYCRegistrar;
import io.kycvault.registry.infrastructure.RegistrarLocation;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Chain;
import io.kycvault.testing.Fixtures;
import io.kycvault.testing.LocalStack;
import io.kycvault.testing.TestClock;
import io.kycvault.testing.Wallets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import software.amazon.awssdk.services.s3.S3Client;

/** The lifecycle on the local stack, time moved by the injectable clock. */
@QuarkusTest
class LifecycleTest {

    private static final String BUCKET = "kyc-vault-documents-123456789012-eu-central-1";

    @Inject
    LocalGateway gateway;
    @Inject
    RunningLifecycle lifecycle;
    @Inject
    LifecycleStore lifecycleStore;
    @Inject
    CaseStore store;

    @Inject
    CaseFiles caseFiles;
    @Inject
    S3Client s3;
    @Inject
    RegistrarLocation location;
    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo;
    @Inject
    io.kycvault.audit.application.IdentifierDigests digests;

    Api api;
    Cases cases;

    @BeforeEach
    void setUp() {
        api = new Api(gateway);
        cases = new Cases(api);
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private Cases.Opened registered(String name, Map<String, Object> personalData, int ratingDays) {
        Cases.Opened c = cases.open(name);
        if (personalData != null) {
            throw new IllegalStateException("use registeredAs");
        }
        return approveAndRegister(c, ratingDays);
    }

    private Cases.Opened approveAndRegister(Cases.Opened c, int ratingDays) {
        cases.uploadRequiredDocuments(c);
        Wallets.prove(api, c.token(), c.caseId());
        assertThat(api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null).status()).isEqualTo(200);
        String expiry = LocalDate.now(ZoneOffset.UTC).plusDays(ratingDays).toString();
        cases.decide(api.token("r1-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(6, expiry));
        cases.decide(api.token("r2-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(6, expiry));
        for (int i = 0; i < 150 && status(c.caseId()) != CaseStatus.REGISTERED; i++) {
            Cases.sleep(100);
        }
        assertThat(status(c.caseId())).isEqualTo(CaseStatus.REGISTERED);
        return c;
    }

    private CaseStatus status(String caseId) {
        return caseFiles.find(caseId).orElseThrow().status();
    }

    private List<String> actions(String caseId) {
        return caseFiles.auditTrail(caseId).stream().map(AuditRecord::action).toList();
    }

    private void assertChainVerifies(String caseId) {
        var head = caseFiles.find(caseId).orElseThrow();
        var verdict = AuditChain.verify(caseFiles.auditTrail(caseId), head.auditHead(), head.auditSequence());
        assertThat(verdict.intact()).as(verdict.problems().toString()).isTrue();
    }

    @Inject
    software.amazon.awssdk.services.sqs.SqsClient sqs;

    /** Subscribes a queue to the domain-event bus, as a consumer of kyc.rating.expiring would. */
    private String eventTap() {
        var events = software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder()
                .endpointOverride(java.net.URI.create(LocalStack.awsEndpoint()))
                .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("123456789012", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
        String url = sqs.createQueue(r -> r.queueName("test-expiring-events")).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN)).attributes()
                .get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);
        events.putRule(r -> r.name("test-expiring").eventBusName("kyc-vault-domain-events")
                .eventPattern("{\"detail-type\":[\"kyc.rating.expiring\"]}"));
        events.putTargets(r -> r.rule("test-expiring").eventBusName("kyc-vault-domain-events").targets(t -> t.id("tap").arn(arn)));
        return url;
    }

    private long eventsFor(String queueUrl, String caseId) {
        long count = 0;
        for (int i = 0; i < 3; i++) {
            for (var m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                if (m.body().contains(caseId)) {
                    count++;
                }
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return count;
    }

    /**
     * What a purged case item keeps: its keys and index keys (by applicant, by case), the case's bookkeeping
     * (status, times, audit head, counters), the approval's rating and its expiry, the retention clock and
     * the purge's mark.
     */
    private static final java.util.Set<String> KEPT_AFTER_PURGE = java.util.Set.of("pk", "sk", "type", "gsi1pk", "gsi1sk",
            "gsi6pk", "gsi6sk", "caseId", "applicantId", "country", "status", "createdAt", "updatedAt", "submittedAt",
            "auditHead", "auditSeq", "pdVersion", "presignsIssued", "approvalId", "rating", "ratingExpiresAt",
            "relationshipEndedAt", "retentionEndsAt", "purged");

    /**
     * Every item of the whole table whose attribute values (keys included; nested lists and maps;
     * binary as hex) contain one of the identifiers, in any case, with or without {@code 0x}.
     */
    private List<String> itemsNaming(List<String> identifiers) {
        List<String> hex = identifiers.stream().map(i -> i.toLowerCase().replaceFirst("^0x", "")).toList();
        List<String> found = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName("kyc-vault-cases").consistentRead(true)).items().forEach(item -> item.forEach((name, value) -> {
            String text = render(value).toLowerCase();
            for (String h : hex) {
                if (text.contains(h)) {
                    found.add(item.get("pk").s() + " / " + item.get("sk").s() + " / " + name + " names " + h);
                }
            }
        }));
        return found;
    }

    private static String render(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        StringBuilder out = new StringBuilder();
        if (v.s() != null) {
            out.append(v.s());
        }
        if (v.n() != null) {
            out.append(v.n());
        }
        if (v.b() != null) {
            out.append(java.util.HexFormat.of().formatHex(v.b().asByteArray()));
        }
        v.ss().forEach(x -> out.append(x).append('\n'));
        v.ns().forEach(x -> out.append(x).append('\n'));
        v.bs().forEach(x -> out.append(java.util.HexFormat.of().formatHex(x.asByteArray())).append('\n'));
        v.l().forEach(x -> out.append(render(x)).append('\n'));
        v.m().forEach((k, x) -> out.append(k).append('=').append(render(x)).append('\n'));
        return out.toString();
    }

    @Test
    void expiryGraceRetentionHoldAndPurge() {
        String tap = eventTap();
        Cases.Opened c = registered("expiring", null, 10);
        List<String> wallets = caseFiles.find(c.caseId()).orElseThrow().wallets();
        String investorId = investorId(c.caseId());
        List<String> identifiers = new ArrayList<>(wallets);
        identifiers.add(investorId);
        assertThat(wallets).isNotEmpty();
        assertThat(itemsNaming(identifiers)).as("before the purge the case item names its wallets and investor ID")
                .anyMatch(f -> f.contains(wallets.get(0).substring(2).toLowerCase()))
                .anyMatch(f -> f.contains(investorId.substring(2).toLowerCase()));
        assertThat(itemsNaming(identifiers)).as("the audit records hold digests only").noneMatch(f -> f.contains("/ AUDIT#"));
        runJob();
        assertThat(status(c.caseId())).isEqualTo(CaseStatus.EXPIRING);
        assertThat(actions(c.caseId())).contains("RATING_EXPIRING", "RATING_EXPIRING_EVENT_PUBLISHED");
        runJob();
        assertThat(eventsFor(tap, c.caseId())).as("one kyc.rating.expiring event, however often the job runs").isEqualTo(1);

        TestClock.advance(Duration.ofDays(12));
        runJob();
        assertThat(status(c.caseId())).isEqualTo(CaseStatus.EXPIRED);

        TestClock.advance(Duration.ofDays(60));
        runJob();
        assertThat(actions(c.caseId())).doesNotContain("RELATIONSHIP_ENDED");
        TestClock.advance(Duration.ofDays(40));
        runJob();
        assertThat(actions(c.caseId())).containsOnlyOnce("RELATIONSHIP_ENDED");
        var file = lifecycleStore.load(c.caseId()).orElseThrow();
        assertThat(file.retentionEndsAt()).isEqualTo(
                io.kycvault.lifecycle.RetentionPolicyTest.POLICY.retentionEndsAt(file.relationshipEndedAt()));

        String officer = api.token("officer-" + UUID.randomUUID(), "kyc-compliance");
        assertThat(api.post(officer, "/compliance/cases/" + c.caseId() + "/legal-hold", Map.of("reason", "BaFin inquiry 2031-17"))
                .status()).isEqualTo(200);
        assertThat(api.get(officer, "/compliance/pending").body()).contains(c.caseId());
        TestClock.advance(Duration.ofDays(5 * 366 + 1));
        runJob();
        assertThat(status(c.caseId())).as("a legal hold stops deletion").isEqualTo(CaseStatus.EXPIRED);
        assertThat(store.personalData(c.caseId())).isPresent();

        String officerNow = api.token("officer-" + UUID.randomUUID(), "kyc-compliance");
        HttpDelete release = () -> api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base()
                + "/compliance/cases/" + c.caseId() + "/legal-hold")).header("Authorization", "Bearer " + officerNow).DELETE().build());
        assertThat(release.send().status()).as("one officer only proposes the release").isEqualTo(202);
        runJob();
        assertThat(status(c.caseId())).as("still held").isEqualTo(CaseStatus.EXPIRED);
        assertThat(api.delete(api.token("officer-" + UUID.randomUUID(), "kyc-compliance"), "/compliance/cases/" + c.caseId()
                + "/legal-hold").status()).as("a second officer releases").isEqualTo(200);
        runJob();
        assertThat(status(c.caseId())).isEqualTo(CaseStatus.ERASED);
        assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix("incoming/" + c.caseId() + "/")).versions()).isEmpty();
        assertThat(store.personalData(c.caseId())).as("ciphertext and data key are gone").isEmpty();
        assertThat(store.documents(c.caseId())).isEmpty();
        AuditRecord tombstone = caseFiles.auditTrail(c.caseId()).getLast();
        assertThat(tombstone.action()).isEqualTo("RETENTION_PURGED");
        assertThat(tombstone.details()).containsEntry("personalData", "deleted").containsEntry("dataKey", "deleted")
                .containsKey("deletedAt").containsKey("documentVersionsDeleted");
        assertChainVerifies(c.caseId());

        // What the purge keeps of the case item is the case's bookkeeping: no attribute outside it (a
        // capability adding a personal attribute to the case item names it in CaseItems.PERSONAL_DATA_ATTRIBUTES).
        var purged = dynamo.getItem(r -> r.tableName("kyc-vault-cases").consistentRead(true).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CASE#" + c.caseId()),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CASE")))).item();
        assertThat(purged.keySet()).as("the purged case item's attributes").isSubsetOf(KEPT_AFTER_PURGE);
        // What stays names neither the wallets nor the investor ID, anywhere in the table.
        assertThat(itemsNaming(identifiers)).as("items naming a wallet or the investor ID after the purge").isEmpty();
        String compliance = api.token("auditor-" + UUID.randomUUID(), "kyc-compliance");
        JsonNode audit = api.get(compliance, "/audit/cases/" + c.caseId()).json();
        assertThat(audit.get("intact").asBoolean()).as(audit.toString()).isTrue();
        // Compliance can still tell which records named a wallet or the ID: the key digests what they ask about.
        String mentions = "/audit/cases/" + c.caseId() + "/mentions";
        JsonNode wallet = api.get(compliance, mentions + "?wallet=" + wallets.get(0).toLowerCase()).json();
        assertThat(wallet.get("digest").asText()).isEqualTo(digests.wallet(wallets.get(0)));
        assertThat(wallet.get("records").findValuesAsText("action")).containsExactly("WALLET_PROVEN", "INVESTOR_REGISTERED");
        JsonNode id = api.get(compliance, mentions + "?investorId=" + investorId).json();
        assertThat(id.get("records").findValuesAsText("action")).containsExactly("INVESTOR_REGISTERED");
        assertThat(id.get("records").findValuesAsText("detail")).containsExactly("investorIdDigest");
        assertThat(api.get(compliance, mentions + "?wallet=" + Wallets.create().address()).json().get("records")).isEmpty();
        assertCode(api.get(compliance, mentions + "?wallet=0x1234"), 400, "INVALID_ADDRESS");
        assertCode(api.get(compliance, mentions), 400, "IDENTIFIER_REQUIRED");
        assertCode(api.get(api.token(c.applicant()), mentions + "?investorId=" + investorId), 403, "NOT_COMPLIANCE");
        // The lineage stays, keyed by the digest: the ID stays on chain, and nobody else may take it over.
        var lineage = dynamo.getItem(r -> r.tableName("kyc-vault-cases").consistentRead(true).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("INVESTOR#" + digests.investorId(investorId)),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LINEAGE")))).item();
        assertThat(lineage.get("applicantId").s()).isEqualTo(c.applicant());

        JsonNode export = api.get(api.token(c.applicant()), "/me/export").json();
        JsonNode exported = find(export, c.caseId());
        assertThat(exported.has("personalData")).as("no personal data is held any more").isFalse();
        assertThat(exported.get("personalDataNote").asText()).contains("deleted under the retention policy");
        assertChainVerifies(c.caseId());
    }

    interface HttpDelete {
        Api.Response send();
    }

    private static JsonNode find(JsonNode export, String caseId) {
        for (JsonNode c : export.get("cases")) {
            if (c.get("caseId").asText().equals(caseId)) {
                return c;
            }
        }
        throw new AssertionError("case " + caseId + " not in export " + export);
    }

    @Test
    void erasureDeletesDraftsAndRestrictsWhatTheLawKeeps() {
        String applicant = "erasure-" + UUID.randomUUID();
        String token = api.token(applicant);
        Cases.Opened inReview = new Cases.Opened(applicant, token,
                api.post(token, "/cases", Api.personalData("Rita", "Restricted")).text("caseId"));
        for (String type : List.of("PASSPORT", "PROOF_OF_ADDRESS", "PROOF_OF_FUNDS")) {
            cases.awaitSettled(inReview, cases.upload(inReview, type, "application/pdf", Fixtures.textPdf(type)));
        }
        String rejected = cases.upload(inReview, "PROOF_OF_FUNDS", "application/pdf", Fixtures.htmlPage());
        cases.awaitSettled(inReview, rejected);
        Wallets.prove(api, token, inReview.caseId());
        assertThat(api.post(token, "/cases/" + inReview.caseId() + "/submit", (String) null).status()).isEqualTo(200);

        Api.Response erased = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/me"))
                .header("Authorization", "Bearer " + token).DELETE().build());
        assertThat(erased.status()).as(erased.body()).isEqualTo(202);
        assertThat(erased.json().get("restricted").toString()).contains(inReview.caseId());
        assertThat(store.personalData(inReview.caseId())).as("kept as the law requires").isPresent();
        assertThat(store.documents(inReview.caseId())).filteredOn(d -> d.status().name().equals("VERIFIED")).hasSize(3);
        // The request ended the relationship: the retention clock started with it, until the restriction's end.
        AuditRecord requested = caseFiles.auditTrail(inReview.caseId()).stream().filter(r -> r.action().equals("ERASURE_REQUESTED"))
                .findFirst().orElseThrow();
        var restrictedFile = lifecycleStore.load(inReview.caseId()).orElseThrow();
        assertThat(restrictedFile.relationshipEndedAt()).isEqualTo(requested.at());
        assertThat(restrictedFile.retentionEndsAt()).isEqualTo(Instant.parse(requested.details().get("restrictedUntil")))
                .isEqualTo(io.kycvault.lifecycle.RetentionPolicyTest.POLICY.retentionEndsAt(requested.at()));

        String reviewer = api.token("rev-" + UUID.randomUUID(), "kyc-reviewer");
        assertCode(api.get(reviewer, "/review/cases/" + inReview.caseId()), 409, "PROCESSING_RESTRICTED");
        assertCode(cases.decide(reviewer, inReview.caseId(), approve(5, LocalDate.now(ZoneOffset.UTC).plusYears(1).toString())),
                409, "PROCESSING_RESTRICTED");
        JsonNode exported = find(api.get(token, "/me/export").json(), inReview.caseId());
        assertThat(exported.get("processingRestricted").asBoolean()).isTrue();
        assertThat(exported.get("personalData").get("familyName").asText()).isEqualTo("Restricted");

        // A draft opened afterwards is deleted at once on the next request.
        Cases.Opened draft = new Cases.Opened(applicant, token, api.post(token, "/cases", Api.personalData("Rita", "Restricted")).text("caseId"));
        cases.awaitSettled(draft, cases.upload(draft, "PASSPORT", "application/pdf", Fixtures.textPdf("draft passport")));
        Api.Response again = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/me"))
                .header("Authorization", "Bearer " + token).DELETE().build());
        assertThat(again.json().get("deleted").toString()).contains(draft.caseId());
        assertThat(status(draft.caseId())).isEqualTo(CaseStatus.ERASED);
        assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix("incoming/" + draft.caseId() + "/")).versions()).isEmpty();
        assertThat(store.personalData(draft.caseId())).isEmpty();

        // When retention ends, the restricted case is deleted too.
        TestClock.advance(Duration.ofDays(5 * 366 + 2));
        runJob();
        assertThat(status(inReview.caseId())).isEqualTo(CaseStatus.ERASED);
        assertThat(store.personalData(inReview.caseId())).isEmpty();
        assertChainVerifies(inReview.caseId());
    }

    /** Erasure switches the applicant's sign-in off: the local issuer (the user pool here) mints them no token. */
    @Test
    void erasureDisablesTheApplicantsSignIn() throws Exception {
        Cases.Opened draft = cases.open("disabled");
        Api.Response erased = api.delete(draft.token(), "/me");
        assertThat(erased.status()).as(erased.body()).isEqualTo(202);
        assertThat(erased.json().get("signInDisabled").asBoolean()).isTrue();
        assertThat(erased.json().get("deleted").toString()).contains(draft.caseId());

        assertThatThrownBy(() -> api.token(draft.applicant())).isInstanceOf(io.kycvault.local.LocalIssuer.Disabled.class);
        var http = java.net.http.HttpClient.newHttpClient();
        var signIn = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/_local/token"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("sub=" + draft.applicant())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(signIn.body()).contains("USER_DISABLED");
        // Tokens minted before stay valid until they expire (at most an hour), as at API Gateway's JWT
        // authorizer, which checks signatures, not revocation: the erasure answers the same again.
        assertThat(api.delete(draft.token(), "/me").status()).isEqualTo(202);
        // Nobody else is affected.
        assertThat(api.get(api.token("still-enabled-" + UUID.randomUUID()), "/me/export").status()).isEqualTo(200);
    }

    @Test
    void overlappingAndInterruptedRunsActOnce() throws Exception {
        List<Cases.Opened> drafts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Cases.Opened d = cases.open("abandoned-" + i);
            cases.awaitSettled(d, cases.upload(d, "PASSPORT", "application/pdf", Fixtures.textPdf("abandoned " + i)));
            drafts.add(d);
        }
        TestClock.advance(Duration.ofDays(31));
        // Killed after one action: the next run finishes the rest without repeating it.
        var partial = io.kycvault.local.InvokedFunction.as(io.kycvault.lifecycle.handler.LifecycleJobFunction.NAME, () -> lifecycle.run(1));
        assertThat(partial.complete()).isFalse();
        var executor = Executors.newFixedThreadPool(2);
        List<Callable<RunningLifecycle.Report>> two = List.of(this::runJob, this::runJob);
        var reports = executor.invokeAll(two);
        executor.shutdown();
        assertThat(reports.stream().filter(f -> {
            try {
                return f.get().ran();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count()).as("overlapping runs: the lease lets one through at a time").isGreaterThanOrEqualTo(1);
        runJob();
        for (Cases.Opened d : drafts) {
            assertThat(status(d.caseId())).isEqualTo(CaseStatus.ERASED);
            assertThat(actions(d.caseId())).containsOnlyOnce("DRAFT_PURGED");
            assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix("incoming/" + d.caseId() + "/")).versions()).isEmpty();
            assertChainVerifies(d.caseId());
        }
        // The applicant may open a new case once the abandoned draft is gone.
        assertThat(api.post(api.token(drafts.get(0).applicant()), "/cases", Api.personalData("New", "Start")).status()).isEqualTo(201);
    }

    @Test
    void renewalUpdatesTheSameInvestorOnChain() throws Exception {
        String applicant = "renewal-" + UUID.randomUUID();
        String token = api.token(applicant);
        Map<String, Object> person = Api.personalData("Rene", "Renewal");
        Cases.Opened first = approveAndRegister(new Cases.Opened(applicant, token, api.post(token, "/cases", person).text("caseId")), 20);
        String id = investorId(first.caseId());
        Cases.Opened renewal = approveAndRegister(new Cases.Opened(applicant, token, api.post(token, "/cases", person).text("caseId")), 400);
        assertThat(investorId(renewal.caseId())).isEqualTo(id);
        assertThat(actions(renewal.caseId())).contains("INVESTOR_UPDATED");
        Chain chain = new Chain(LocalStack.ethereumEndpoint());
        String registrar = location.address().orElseThrow();
        long newInvestor = chain.logs(registrar).stream().filter(l -> l.get("topics").get(0).asText()
                .equals(EventEncoder.encode(KYCRegistrar.NEWINVESTOR_EVENT)) && l.get("topics").get(1).asText().equalsIgnoreCase(id)).count();
        long updated = chain.logs(registrar).stream().filter(l -> l.get("topics").get(0).asText()
                .equals(EventEncoder.encode(KYCRegistrar.UPDATEDINVESTOR_EVENT)) && l.get("topics").get(1).asText().equalsIgnoreCase(id)).count();
        assertThat(newInvestor).isEqualTo(1);
        assertThat(updated).isGreaterThanOrEqualTo(1);
        // The old case no longer drives expiry: the renewal superseded it.
        runJob();
        assertThat(actions(first.caseId())).contains("SUPERSEDED_BY_RENEWAL");
        assertThat(status(first.caseId())).isEqualTo(CaseStatus.REGISTERED);
    }

    /** On the case item until the purge (the audit holds only its digest). */
    private String investorId(String caseId) {
        return lifecycleStore.load(caseId).orElseThrow().investorId();
    }

    /** The daily job through its Lambda handler, as EventBridge's schedule invokes it. */
    private RunningLifecycle.Report runJob() {
        return (RunningLifecycle.Report) gateway.invokeScheduled(io.kycvault.lifecycle.handler.LifecycleJobFunction.NAME);
    }

    /** Releasing a hold and ending a relationship early cannot be undone: two different officers. */
    @Test
    void releasingAHoldAndOffboardingTakeTwoOfficers() {
        Cases.Opened c = cases.submitted("two-officers");
        String base = "/compliance/cases/" + c.caseId();
        String anna = api.token("anna-" + UUID.randomUUID(), "kyc-compliance");
        String bert = api.token("bert-" + UUID.randomUUID(), "kyc-compliance");
        String cleo = api.token("cleo-" + UUID.randomUUID(), "kyc-compliance");

        assertThat(api.delete(anna, base + "/legal-hold").text("code")).as("nothing to release").isEqualTo("NO_LEGAL_HOLD");
        assertThat(api.post(anna, base + "/legal-hold", Map.of("reason", "FIU request 7")).status()).isEqualTo(200);
        var proposed = api.delete(anna, base + "/legal-hold");
        assertThat(proposed.status()).isEqualTo(202);
        assertThat(proposed.text("awaiting")).isEqualTo("SECOND_OFFICER");
        var alone = api.delete(anna, base + "/legal-hold");
        assertThat(alone.status()).isEqualTo(409);
        assertThat(alone.text("code")).isEqualTo("SECOND_OFFICER_REQUIRED");
        assertThat(lifecycleStore.load(c.caseId()).orElseThrow().legalHold()).as("still held").isNotNull();
        var released = api.delete(bert, base + "/legal-hold");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.text("proposedBy")).startsWith("anna-");
        assertThat(lifecycleStore.load(c.caseId()).orElseThrow().legalHold()).isNull();

        // A proposal left too long dies: the next officer's call proposes afresh.
        assertThat(api.post(bert, base + "/offboard", (String) null).status()).isEqualTo(202);
        TestClock.advance(io.kycvault.lifecycle.application.ManagingRetention.PROPOSAL_LIFETIME.plusHours(1));
        // Tokens live an hour: the officers sign in again.
        anna = api.token("anna-" + UUID.randomUUID(), "kyc-compliance");
        bert = api.token("bert-" + UUID.randomUUID(), "kyc-compliance");
        cleo = api.token("cleo-" + UUID.randomUUID(), "kyc-compliance");
        assertThat(api.post(cleo, base + "/offboard", (String) null).status()).as("the stale proposal does not count").isEqualTo(202);
        assertThat(api.post(cleo, base + "/offboard", (String) null).text("code")).isEqualTo("SECOND_OFFICER_REQUIRED");
        var ended = api.post(anna, base + "/offboard", (String) null);
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.text("retentionEndsAt")).isNotBlank();
        assertThat(api.post(bert, base + "/offboard", (String) null).text("code")).isEqualTo("RELATIONSHIP_ALREADY_ENDED");
        assertThat(actions(c.caseId())).containsSubsequence("LEGAL_HOLD_PLACED", "LEGAL_HOLD_RELEASE_PROPOSED", "LEGAL_HOLD_RELEASED",
                "OFFBOARDING_PROPOSED", "OFFBOARDING_PROPOSED", "RELATIONSHIP_ENDED");
        AuditRecord end = caseFiles.auditTrail(c.caseId()).stream().filter(r -> r.action().equals("RELATIONSHIP_ENDED")).findFirst().orElseThrow();
        assertThat(end.actor()).startsWith("anna-");
        assertThat(end.details().get("proposedBy")).startsWith("cleo-");
        var offboarded = lifecycleStore.load(c.caseId()).orElseThrow();
        assertThat(offboarded.relationshipEndedAt()).isEqualTo(end.at());
        assertThat(offboarded.retentionEndsAt()).isEqualTo(Instant.parse(ended.text("retentionEndsAt")))
                .isEqualTo(Instant.parse(end.details().get("retentionEndsAt")));
        assertChainVerifies(c.caseId());
    }

    /** Holds, releases and offboarding decide how long records live: never by the applicant themself. */
    @Test
    void aComplianceOfficerDoesNotActOnTheirOwnCase() {
        Cases.Opened c = cases.open("officer-applicant");
        String self = api.token(c.applicant(), "kyc-compliance");
        String base = "/compliance/cases/" + c.caseId();
        for (var r : List.of(api.post(self, base + "/legal-hold", Map.of("reason", "my own hold")), api.delete(self, base + "/legal-hold"),
                api.post(self, base + "/offboard", (String) null))) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.text("code")).isEqualTo("OWN_CASE");
        }
        assertThat(actions(c.caseId())).doesNotContain("LEGAL_HOLD_PLACED", "LEGAL_HOLD_RELEASED", "RELATIONSHIP_ENDED");
    }
}
