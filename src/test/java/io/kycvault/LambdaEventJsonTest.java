package io.kycvault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.audit.handler.AuditApiFunction;
import io.kycvault.audit.handler.AuditCheckpointFunction;
import io.kycvault.audit.handler.AuditSweepFunction;
import io.kycvault.intake.handler.IntakeApiFunction;
import io.kycvault.intake.handler.ScanResultsFunction;
import io.kycvault.intake.handler.UploadEventsFunction;
import io.kycvault.lifecycle.handler.ComplianceApiFunction;
import io.kycvault.lifecycle.handler.LifecycleJobFunction;
import io.kycvault.lifecycle.handler.PrivacyApiFunction;
import io.kycvault.registry.handler.ChainRegistrationFunction;
import io.kycvault.registry.handler.WalletApiFunction;
import io.kycvault.review.handler.RegistrationOutboxFunction;
import io.kycvault.review.handler.ReviewApiFunction;
import io.kycvault.testing.Api;
import io.kycvault.testing.LambdaRuntime;
import io.kycvault.testing.Wallets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every function of the template once through the Lambda event JSON path ({@link LambdaRuntime}): the
 * event as the AWS service sends it (API Gateway HTTP API payload 2.0 with the JWT authorizer's flattened
 * claims, the SQS event source mapping, EventBridge scheduled and GuardDuty events), read by the
 * runtime's reader for the handler's input type, and the answer as the runtime serialises it for the
 * caller (API Gateway's statusCode/headers/body, SQS partial batch responses' batchItemFailures).
 * The behaviour behind each function is tested elsewhere through the local gateway and pollers.
 */
@QuarkusTest
class LambdaEventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE_ARN = "arn:aws:sqs:eu-central-1:123456789012:";

    @Inject
    IntakeApiFunction intake;
    @Inject
    WalletApiFunction wallets;
    @Inject
    ReviewApiFunction review;
    @Inject
    AuditApiFunction audit;
    @Inject
    PrivacyApiFunction privacy;
    @Inject
    ComplianceApiFunction compliance;
    @Inject
    UploadEventsFunction uploads;
    @Inject
    ScanResultsFunction scanResults;
    @Inject
    ChainRegistrationFunction chainRegistration;
    @Inject
    RegistrationOutboxFunction outbox;
    @Inject
    AuditSweepFunction auditSweep;
    @Inject
    AuditCheckpointFunction auditCheckpoint;
    @Inject
    LifecycleJobFunction lifecycle;

    @Test
    void theApiFunctionsReadHttpApiEventsAndAnswerInApiGatewaysResponseFormat() throws Exception {
        String applicant = "json-path-" + UUID.randomUUID();
        String caseId = openCase(applicant);

        JsonNode own = LambdaRuntime.invoke(IntakeApiFunction.NAME, intake,
                http("GET /cases/{caseId}", "/cases/" + caseId, Map.of("caseId", caseId), applicant, null, null));
        assertThat(own.get("statusCode").asInt()).as(own.toString()).isEqualTo(200);
        assertThat(JSON.readTree(own.get("body").asText()).get("status").asText()).isEqualTo("DRAFT");

        String address = Wallets.create().address();
        JsonNode challenge = LambdaRuntime.invoke(WalletApiFunction.NAME, wallets,
                http("POST /cases/{caseId}/wallets/challenge", "/cases/" + caseId + "/wallets/challenge", Map.of("caseId", caseId),
                        applicant, null, JSON.writeValueAsString(Map.of("address", address))));
        assertThat(challenge.get("statusCode").asInt()).as(challenge.toString()).isEqualTo(200);
        assertThat(JSON.readTree(challenge.get("body").asText()).get("address").asText()).isEqualToIgnoringCase(address);

        // The groups claim arrives as API Gateway flattens Cognito's array: "[kyc-reviewer]".
        JsonNode queue = LambdaRuntime.invoke(ReviewApiFunction.NAME, review,
                http("GET /review/queue", "/review/queue", Map.of(), "reviewer-" + UUID.randomUUID(), "[kyc-reviewer]", null));
        assertThat(queue.get("statusCode").asInt()).as(queue.toString()).isEqualTo(200);
        assertThat(JSON.readTree(queue.get("body").asText()).has("cases")).isTrue();
        JsonNode notReviewer = LambdaRuntime.invoke(ReviewApiFunction.NAME, review,
                http("GET /review/queue", "/review/queue", Map.of(), applicant, null, null));
        assertThat(notReviewer.get("statusCode").asInt()).isEqualTo(403);
        assertThat(JSON.readTree(notReviewer.get("body").asText()).get("code").asText()).isEqualTo("NOT_A_REVIEWER");

        String officer = "officer-" + UUID.randomUUID();
        JsonNode trail = LambdaRuntime.invoke(AuditApiFunction.NAME, audit,
                http("GET /audit/cases/{caseId}", "/audit/cases/" + caseId, Map.of("caseId", caseId), officer, "[kyc-compliance]", null));
        assertThat(trail.get("statusCode").asInt()).as(trail.toString()).isEqualTo(200);
        assertThat(JSON.readTree(trail.get("body").asText()).get("intact").asBoolean()).isTrue();

        JsonNode pending = LambdaRuntime.invoke(ComplianceApiFunction.NAME, compliance,
                http("GET /compliance/pending", "/compliance/pending", Map.of(), officer, "[kyc-compliance]", null));
        assertThat(pending.get("statusCode").asInt()).as(pending.toString()).isEqualTo(200);
        assertThat(JSON.readTree(pending.get("body").asText()).get("cases").isArray()).isTrue();

        JsonNode export = LambdaRuntime.invoke(PrivacyApiFunction.NAME, privacy,
                http("GET /me/export", "/me/export", Map.of(), applicant, null, null));
        assertThat(export.get("statusCode").asInt()).as(export.toString()).isEqualTo(200);
        assertThat(export.get("body").asText()).contains(caseId);
    }

    @Test
    void theQueueFunctionsReadSqsEventsAndAnswerWithPartialBatchFailures() {
        String malformed = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        String foreignEvent = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-central-1",
                "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"someone-elses-bucket","arn":"arn:aws:s3:::someone-elses-bucket"},
                "object":{"key":"incoming/%s/%s","size":1}}}]}""".formatted(UUID.randomUUID(), UUID.randomUUID());
        JsonNode uploaded = LambdaRuntime.invoke(UploadEventsFunction.NAME, uploads, sqs("kyc-vault-upload-events",
                List.of(Map.entry(foreign, foreignEvent), Map.entry(malformed, "this is not json"))));
        assertThat(uploaded.get("batchItemFailures")).as(uploaded.toString()).hasSize(1);
        assertThat(uploaded.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo(malformed);

        String notARegistration = UUID.randomUUID().toString();
        JsonNode registered = LambdaRuntime.invoke(ChainRegistrationFunction.NAME, chainRegistration,
                sqs("kyc-vault-registrations.fifo", List.of(Map.entry(notARegistration, "{\"not\":\"a registration\"}"))));
        assertThat(registered.get("batchItemFailures")).as(registered.toString()).hasSize(1);
        assertThat(registered.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo(notARegistration);
    }

    @Test
    void theEventBridgeFunctionsReadTheirEventsAndAnswerWithTheirReports() throws Exception {
        openCase("json-path-" + UUID.randomUUID()); // at least one case for the sweep and the checkpoint
        String scanResult = """
                {"version":"0","id":"%s","detail-type":"%s","source":"aws.guardduty","account":"123456789012",
                "time":"2026-12-01T10:00:00Z","region":"eu-central-1","resources":[],
                "detail":{"schemaVersion":"1.0","scanStatus":"COMPLETED","resourceType":"S3_OBJECT",
                "s3ObjectDetails":{"bucketName":"someone-elses-bucket","objectKey":"incoming/a/b","versionId":"v"},
                "scanResultDetails":{"scanResultStatus":"NO_THREATS_FOUND","threats":null}}}"""
                .formatted(UUID.randomUUID(), ScanResultsFunction.DETAIL_TYPE);
        assertThat(LambdaRuntime.invoke(ScanResultsFunction.NAME, scanResults, scanResult).get("outcome").asText()).isEqualTo("IGNORED");

        JsonNode sent = LambdaRuntime.invoke(RegistrationOutboxFunction.NAME, outbox, scheduled());
        assertThat(sent.get("sent").isInt()).as(sent.toString()).isTrue();

        JsonNode sweep = LambdaRuntime.invoke(AuditSweepFunction.NAME, auditSweep, scheduled());
        assertThat(sweep.get("cases").asInt()).as(sweep.toString()).isPositive();
        assertThat(sweep.has("intact")).isTrue();
        assertThat(sweep.get("broken").isArray()).isTrue();

        JsonNode checkpoint = LambdaRuntime.invoke(AuditCheckpointFunction.NAME, auditCheckpoint, scheduled());
        assertThat(checkpoint.get("id").asText()).as(checkpoint.toString()).isNotBlank();
        assertThat(checkpoint.get("cases").asInt()).isPositive();

        JsonNode report = LambdaRuntime.invoke(LifecycleJobFunction.NAME, lifecycle, scheduled());
        assertThat(report.has("ran")).as(report.toString()).isTrue();
        assertThat(report.has("complete")).isTrue();
    }

    /** POST /cases through the intake function's JSON path; the new case's id. */
    private String openCase(String applicant) throws Exception {
        JsonNode created = LambdaRuntime.invoke(IntakeApiFunction.NAME, intake,
                http("POST /cases", "/cases", Map.of(), applicant, null, JSON.writeValueAsString(Api.personalData("Erika", "Mustermann"))));
        assertThat(created.get("statusCode").asInt()).as(created.toString()).isEqualTo(201);
        assertThat(created.get("headers").get("content-type").asText()).startsWith("application/json");
        return JSON.readTree(created.get("body").asText()).get("caseId").asText();
    }

    /** An HTTP API (payload format 2.0) event behind the JWT authorizer, as API Gateway sends it. */
    private static String http(String routeKey, String path, Map<String, String> pathParameters, String subject, String groups,
            String body) throws Exception {
        String[] route = routeKey.split(" ", 2);
        Map<String, String> claims = groups == null ? Map.of("sub", subject, "token_use", "access")
                : Map.of("sub", subject, "token_use", "access", "cognito:groups", groups);
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.put("headers", Map.of("content-type", "application/json", "host", "api.example.com", "user-agent", "curl/8.5.0"));
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", Map.ofEntries(
                Map.entry("accountId", "123456789012"), Map.entry("apiId", "api"), Map.entry("domainName", "api.example.com"),
                Map.entry("domainPrefix", "api"),
                Map.entry("authorizer", Map.of("jwt", Map.of("claims", claims, "scopes", List.of()))),
                Map.entry("http", Map.of("method", route[0], "path", path, "protocol", "HTTP/1.1", "sourceIp", "203.0.113.7",
                        "userAgent", "curl/8.5.0")),
                Map.entry("requestId", UUID.randomUUID().toString()), Map.entry("routeKey", routeKey), Map.entry("stage", "$default"),
                Map.entry("time", "01/Dec/2026:10:00:00 +0000"), Map.entry("timeEpoch", System.currentTimeMillis())));
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return JSON.writeValueAsString(event);
    }

    /** An SQS event as the event source mapping sends it. */
    private static String sqs(String queue, List<Map.Entry<String, String>> messages) {
        List<Map<String, Object>> records = messages.stream().map(m -> Map.<String, Object>of(
                "messageId", m.getKey(), "receiptHandle", "handle-" + m.getKey(), "body", m.getValue(),
                "attributes", Map.of("ApproximateReceiveCount", "1", "SentTimestamp", Long.toString(System.currentTimeMillis()),
                        "SenderId", "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp", Long.toString(System.currentTimeMillis())),
                "messageAttributes", Map.of(), "md5OfBody", "0", "eventSource", "aws:sqs", "eventSourceARN", QUEUE_ARN + queue,
                "awsRegion", "eu-central-1")).toList();
        try {
            return JSON.writeValueAsString(Map.of("Records", records));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** EventBridge's scheduled event. */
    private static String scheduled() {
        return """
                {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
                "time":"%s","region":"eu-central-1","resources":["arn:aws:events:eu-central-1:123456789012:rule/kyc-vault-schedule"],
                "detail":{}}""".formatted(UUID.randomUUID(), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
