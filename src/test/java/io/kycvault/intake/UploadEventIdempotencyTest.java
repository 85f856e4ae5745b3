package io.kycvault.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kycvault.audit.model.AuditChain;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.intake.handler.UploadEventsFunction;
import io.kycvault.local.LocalConfig;
import io.kycvault.local.LocalGateway;
import io.kycvault.local.LocalQueuePollers;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 delivers at least once and in any order; the upload function must settle each document once. */
@QuarkusTest
class UploadEventIdempotencyTest {

    private static final String BUCKET = "kyc-vault-documents-123456789012-eu-central-1";

    @Inject
    LocalGateway gateway;
    @Inject
    UploadEventsFunction function;
    @Inject
    CaseFiles caseFiles;
    @Inject
    S3Client s3;
    @Inject
    LocalQueuePollers pollers;
    @Inject
    LocalConfig local;

    @Test
    void duplicatedAndReorderedEventsSettleOnce() {
        Cases cases = new Cases(new Api(gateway));
        Cases.Opened c = cases.open("dupes");
        String good = cases.upload(c, "PASSPORT", "application/pdf", Fixtures.textPdf("passport"));
        String bad = cases.upload(c, "PROOF_OF_ADDRESS", "application/pdf", Fixtures.htmlPage());
        // Deliver the events ourselves, three times each and in reverse order, while the queue's own
        // delivery of the same notifications races us through the local event source mapping.
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(message(event(c.caseId(), bad)));
            messages.add(message(event(c.caseId(), good)));
        }
        assertThat(invoke(batch(messages), null).getBatchItemFailures()).isEmpty();
        cases.awaitSettled(c, good);
        cases.awaitSettled(c, bad);
        assertThat(invoke(batch(List.of(message(event(c.caseId(), good)), message(event(c.caseId(), bad)))), null)
                .getBatchItemFailures()).isEmpty();
        Cases.sleep(1500);

        List<AuditRecord> trail = caseFiles.auditTrail(c.caseId());
        assertThat(trail).filteredOn(r -> r.action().startsWith("DOCUMENT_") && good.equals(r.details().get("documentId")))
                .extracting(AuditRecord::action).containsExactly("DOCUMENT_VERIFIED");
        assertThat(trail).filteredOn(r -> r.action().startsWith("DOCUMENT_") && bad.equals(r.details().get("documentId")))
                .extracting(AuditRecord::action).containsExactly("DOCUMENT_REJECTED");
        var head = caseFiles.find(c.caseId()).orElseThrow();
        assertThat(AuditChain.verify(trail, head.auditHead(), head.auditSequence()).intact()).isTrue();
        assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix("incoming/" + c.caseId() + "/" + bad)).versions()).isEmpty();
        assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix("incoming/" + c.caseId() + "/" + good)).versions()).hasSize(1);
    }

    @Test
    void foreignKeysAndBucketsAreIgnoredAndMalformedMessagesReportedAlone() {
        String caseId = UUID.randomUUID().toString();
        List<SQSEvent.SQSMessage> messages = List.of(
                message(notification(BUCKET, "../etc/passwd", null)),
                message(notification(BUCKET, "incoming/not-a-uuid/x", null)),
                message(notification("someone-elses-bucket", "incoming/" + caseId + "/" + UUID.randomUUID(), null)),
                message("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"),
                message("this is not json"),
                message("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{}}}]}"));
        var response = invoke(batch(messages), null);
        assertThat(response.getBatchItemFailures()).extracting(f -> f.getItemIdentifier())
                .containsExactlyInAnyOrder(messages.get(4).getMessageId(), messages.get(5).getMessageId());
    }

    @Test
    void anObjectWithoutAnIssuedSlotIsDeletedEveryVersion() {
        // Written under the upload pattern by someone holding the bucket's credentials, for a slot never issued.
        String key = "incoming/" + UUID.randomUUID() + "/" + UUID.randomUUID();
        try (S3Client writer = directWriter()) {
            writer.putObject(r -> r.bucket(BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("one"));
            writer.putObject(r -> r.bucket(BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("two"));
        }
        // An event without a version id (as a notification of an unversioned bucket would be): every version goes.
        assertThat(invoke(batch(List.of(message(notification(BUCKET, key, null)))), null).getBatchItemFailures()).isEmpty();
        assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key)).versions()).isEmpty();
    }

    @Test
    void aVersionAnotherDeliveryDeletedMeanwhileIsDoneNotAFailure() {
        // The queue's own delivery waits: this test plays both deliveries of one notification itself.
        pollers.pause(local.uploadQueue());
        try (S3Client writer = directWriter()) {
            String key = "incoming/" + UUID.randomUUID() + "/" + UUID.randomUUID();
            String version = writer.putObject(r -> r.bucket(BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("one"))
                    .versionId();
            writer.putObject(r -> r.bucket(BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("two"));
            // The other delivery of the first version's notification deleted it (no slot was issued for it)
            // first; the key's second version is still there.
            s3.deleteObject(r -> r.bucket(BUCKET).key(key).versionId(version));
            assertThat(invoke(batch(List.of(message(notification(BUCKET, key, version)))), null).getBatchItemFailures())
                    .as("deleting a version that is gone already is done, not a failure to retry").isEmpty();
            assertThat(invoke(batch(List.of(message(notification(BUCKET, key, null)))), null).getBatchItemFailures()).isEmpty();
            assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key)).versions()).isEmpty();
        } finally {
            pollers.resume(local.uploadQueue());
        }
    }

    /** A client of the bucket's own account, writing under the upload pattern without any slot. */
    private static S3Client directWriter() {
        return S3Client.builder().endpointOverride(java.net.URI.create(io.kycvault.testing.LocalStack.awsEndpoint()))
                .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("123456789012", "test"))).build();
    }

    private static String event(String caseId, String documentId) {
        return notification(BUCKET, "incoming/" + caseId + "/" + documentId, null);
    }

    private static String notification(String bucket, String key, String versionId) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-central-1",
                "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":1%s}}}]}""".formatted(bucket, bucket, key,
                versionId == null ? "" : ",\"versionId\":\"" + versionId + "\"");
    }

    private static SQSEvent.SQSMessage message(String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(UUID.randomUUID().toString());
        m.setBody(body);
        return m;
    }

    private static SQSEvent batch(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** Calls the upload function as Lambda would, with its own role (for the authorization oracle). */
    private com.amazonaws.services.lambda.runtime.events.SQSBatchResponse invoke(
            com.amazonaws.services.lambda.runtime.events.SQSEvent event, Object context) {
        return io.kycvault.local.InvokedFunction.as(io.kycvault.intake.handler.UploadEventsFunction.NAME,
                () -> function.handleRequest(event, null));
    }
}
