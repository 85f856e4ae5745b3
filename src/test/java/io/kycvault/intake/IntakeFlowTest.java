package io.kycvault.intake;

import static io.kycvault.testing.Api.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.audit.model.AuditChain;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.kycvault.testing.LocalStack;
import io.kycvault.testing.Wallets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/** The applicant's happy path end to end over HTTP: emulator, notification queue, upload function. */
@QuarkusTest
@QuarkusTestResource(LocalStack.class)
class IntakeFlowTest {

    @Inject
    LocalGateway gateway;
    @Inject
    CaseFiles caseFiles;
    @Inject
    S3Client s3;
    @Inject
    DynamoDbClient dynamo;

    Api api;
    Cases cases;

    @BeforeEach
    void setUp() {
        api = new Api(gateway);
        cases = new Cases(api);
    }

    @Test
    void aCaseIsSubmittedOnlyWithItsDocumentsVerifiedAndAWalletProvenAndLosesItsTtlBackstops() {
        Cases.Opened c = cases.open("happy");
        assertThat(api.get(c.token(), "/cases/" + c.caseId()).text("status")).isEqualTo("DRAFT");
        assertThat(caseItem(c.caseId())).as("a draft expires on its own if every job run missed it").containsKey("expiresAt");

        Api.Response early = api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("code")).isEqualTo("DOCUMENTS_MISSING");

        String passport = cases.upload(c, "PASSPORT", "application/pdf", Fixtures.scannerPdf());
        String address = cases.upload(c, "PROOF_OF_ADDRESS", "image/jpeg", Fixtures.jpeg(800, 600));
        String funds = cases.upload(c, "PROOF_OF_FUNDS", "image/png", Fixtures.png(600, 800));
        for (String documentId : List.of(passport, address, funds)) {
            assertThat(cases.awaitSettled(c, documentId).get("status").asText()).isEqualTo("VERIFIED");
        }

        assertCode(api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null), 409, "WALLET_MISSING");
        Wallets.prove(api, c.token(), c.caseId());
        Api.Response submitted = api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.text("status")).isEqualTo("IN_REVIEW");
        assertThat(api.get(c.token(), "/cases/" + c.caseId()).text("status")).isEqualTo("IN_REVIEW");
        // The TTL backstops of a draft (case item) and of unsettled upload slots are gone once the case is
        // submitted and its documents settled: DynamoDB must never expire a case under review.
        List<Map<String, AttributeValue>> items = rawItems(c.caseId());
        assertThat(items).extracting(item -> item.get("sk").s()).contains("CASE");
        assertThat(items).filteredOn(item -> item.get("sk").s().equals("CASE") || item.get("sk").s().startsWith("DOC#"))
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(item -> assertThat(item).as(item.get("sk").s()).doesNotContainKey("expiresAt"));

        // Documents may still be added in review; a new one changes the evidence and voids a pending first vote.
        Api.Response during = api.post(c.token(), "/cases/" + c.caseId() + "/documents",
                Api.presignBody("PROOF_OF_FUNDS", "application/pdf", Fixtures.textPdf("bank statement")));
        assertThat(during.status()).isEqualTo(201);

        List<AuditRecord> trail = caseFiles.auditTrail(c.caseId());
        assertThat(trail).extracting(AuditRecord::action).containsSubsequence("CASE_OPENED", "UPLOAD_URL_ISSUED",
                "DOCUMENT_VERIFIED", "CASE_SUBMITTED");
        assertThat(trail).filteredOn(r -> r.action().equals("DOCUMENT_VERIFIED")).hasSize(3);
        var caseItem = caseFiles.find(c.caseId()).orElseThrow();
        var verdict = AuditChain.verify(trail, caseItem.auditHead(), caseItem.auditSequence());
        assertThat(verdict.intact()).as(verdict.problems().toString()).isTrue();
        AuditRecord submittedRecord = trail.stream().filter(r -> r.action().equals("CASE_SUBMITTED")).findFirst().orElseThrow();
        assertThat(submittedRecord.fromStatus()).isEqualTo("DRAFT");
        assertThat(submittedRecord.toStatus()).isEqualTo("IN_REVIEW");
    }

    @Test
    void presignBindsKeyTypeLengthChecksumEncryptionAndCreateOnly() {
        Cases.Opened c = cases.open("presign");
        byte[] pdf = Fixtures.textPdf("passport");
        Instant before = Instant.now();
        JsonNode instructions = cases.presign(c, "PASSPORT", "application/pdf", pdf);
        URI url = URI.create(instructions.get("uploadUrl").asText());
        String documentId = instructions.get("documentId").asText();

        assertThat(instructions.get("method").asText()).isEqualTo("PUT");
        assertThat(url.getPath()).endsWith("/incoming/" + c.caseId() + "/" + documentId);
        assertThat(url.getQuery()).contains("X-Amz-Expires=300");
        assertThat(Instant.parse(instructions.get("expiresAt").asText())).isBefore(before.plus(Duration.ofMinutes(5)).plusSeconds(5));
        String signed = url.getQuery().replaceAll(".*X-Amz-SignedHeaders=([^&]*).*", "$1");
        assertThat(signed.split(";")).contains("content-length", "content-type", "host", "if-none-match",
                "x-amz-checksum-sha256", "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id");
        assertThat(instructions.get("headers").get("x-amz-server-side-encryption").asText()).isEqualTo("aws:kms");
        assertThat(instructions.get("headers").get("if-none-match").asText()).isEqualTo("*");

        assertThat(api.upload(instructions, pdf).status()).isEqualTo(200);
        // The same URL again: create-only (If-None-Match: *) refuses to overwrite or replay.
        Api.Response replay = api.upload(instructions, pdf);
        assertThat(replay.status()).isEqualTo(412);
        var versions = s3.listObjectVersions(r -> r.bucket("kyc-vault-documents-123456789012-eu-central-1")
                .prefix("incoming/" + c.caseId() + "/" + documentId)).versions();
        assertThat(versions).hasSize(1);
        assertThat(cases.awaitSettled(c, documentId).get("status").asText()).isEqualTo("VERIFIED");
    }

    @Test
    void uploadSlotsAreRefusedForBadTypeSizeOrChecksumAndBeyondTwentyPerCase() {
        Cases.Opened c = cases.open("refusals");
        String path = "/cases/" + c.caseId() + "/documents";
        byte[] pdf = Fixtures.textPdf("x");
        assertCode(api.post(c.token(), path, Map.of("docType", "SELFIE", "contentType", "application/pdf",
                "contentLength", pdf.length, "sha256", Api.sha256(pdf))), 400, "INVALID_DOC_TYPE");
        assertCode(api.post(c.token(), path, Api.presignBody("PASSPORT", "text/html", pdf)), 400, "UNSUPPORTED_CONTENT_TYPE");
        assertCode(api.post(c.token(), path, Map.of("docType", "PASSPORT", "contentType", "application/pdf",
                "contentLength", 10 * 1024 * 1024 + 1, "sha256", Api.sha256(pdf))), 400, "FILE_TOO_LARGE");
        assertCode(api.post(c.token(), path, Map.of("docType", "PASSPORT", "contentType", "application/pdf",
                "contentLength", 0, "sha256", Api.sha256(pdf))), 400, "INVALID_CONTENT_LENGTH");
        assertCode(api.post(c.token(), path, Map.of("docType", "PASSPORT", "contentType", "application/pdf",
                "contentLength", pdf.length, "sha256", "abc")), 400, "INVALID_SHA256");
        for (int i = 0; i < 20; i++) {
            assertThat(api.post(c.token(), path, Api.presignBody("PROOF_OF_FUNDS", "application/pdf", pdf)).status()).isEqualTo(201);
        }
        assertCode(api.post(c.token(), path, Api.presignBody("PROOF_OF_FUNDS", "application/pdf", pdf)), 429, "TOO_MANY_UPLOADS");
    }

    @Test
    void oneOpenCasePerApplicant() {
        Cases.Opened c = cases.open("twice");
        assertCode(api.post(c.token(), "/cases", Api.personalData("Erika", "Mustermann")), 409, "OPEN_CASE_EXISTS");
    }

    private List<Map<String, AttributeValue>> rawItems(String caseId) {
        return dynamo.query(r -> r.tableName("kyc-vault-cases").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(io.kycvault.shared.dynamo.Items.casePk(caseId)))))
                .items();
    }

    private Map<String, AttributeValue> caseItem(String caseId) {
        return rawItems(caseId).stream().filter(item -> item.get("sk").s().equals("CASE")).findFirst().orElseThrow();
    }
}
