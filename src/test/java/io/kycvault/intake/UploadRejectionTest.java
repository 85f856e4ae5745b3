package io.kycvault.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.intake.infrastructure.KmsKeys;
import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.kycvault.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hostile files go through the real path (presigned PUT → S3 notification → SQS → upload function,
 * and the local malware scanner's result) and come out rejected with a reason the applicant can
 * read, with every object version removed once its scan showed no threat.
 * Uploads that break the presigned URL's binding are refused by storage itself and never stored.
 */
@QuarkusTest
class UploadRejectionTest {

    private static final String BUCKET = "kyc-vault-documents-123456789012-eu-central-1";

    @Inject
    LocalGateway gateway;
    @Inject
    S3Client s3;
    @Inject
    KmsKeys keys;

    record Upload(String contentType, byte[] bytes) {
    }

    @Test
    void hostileFilesAreRejectedAndRemoved() {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        Cases.Opened c = cases.open("hostile");
        Map<String, Upload> uploads = new LinkedHashMap<>();
        uploads.put("UNSUPPORTED_FILE_TYPE/html", new Upload("application/pdf", Fixtures.htmlPage()));
        uploads.put("UNSUPPORTED_FILE_TYPE/elf", new Upload("application/pdf", Fixtures.elfBinary()));
        uploads.put("CONTENT_TYPE_MISMATCH", new Upload("image/jpeg", Fixtures.png(32, 32)));
        uploads.put("TRUNCATED_IMAGE", new Upload("image/jpeg", Fixtures.truncated(Fixtures.jpeg(400, 300))));
        uploads.put("PDF_JAVASCRIPT", new Upload("application/pdf", Fixtures.pdfWithJavaScript(Fixtures.Script.LINK_ANNOTATION)));
        uploads.put("PDF_ENCRYPTED", new Upload("application/pdf", Fixtures.encryptedPdf("secret")));
        uploads.put("IMAGE_TOO_LARGE", new Upload("image/png", Fixtures.decompressionBombPng()));
        uploads.put("PDF_LAUNCH_ACTION", new Upload("application/pdf", Fixtures.pdfWithLaunchAction()));
        uploads.put("PDF_EMBEDDED_FILES", new Upload("application/pdf", Fixtures.pdfWithEmbeddedFile()));
        uploads.put("PDF_XFA_FORM", new Upload("application/pdf", Fixtures.pdfWithXfaForm()));
        uploads.put("PDF_SUBMIT_FORM", new Upload("application/pdf", Fixtures.pdfWithAction("SubmitForm")));
        uploads.put("PDF_URI_ACTION", new Upload("application/pdf", Fixtures.pdfWithAction("URI")));

        Map<String, String> documents = new LinkedHashMap<>();
        uploads.forEach((expected, upload) -> documents.put(expected, cases.upload(c, "PROOF_OF_FUNDS", upload.contentType(), upload.bytes())));

        // What storage refuses at the door (LocalStack's S3, like AWS): a zero-byte body on a URL signed
        // for more bytes, the same length with other bytes than the signed checksum (BadDigest), another
        // KMS key than the signed one. No object is created, so nothing reaches the upload function.
        byte[] announced = Fixtures.textPdf("announced");
        byte[] other = announced.clone();
        other[other.length / 2] ^= 0x01;
        JsonNode empty = cases.presign(c, "PROOF_OF_FUNDS", "application/pdf", announced);
        assertThat(api.upload(empty, new byte[0]).status()).as("zero bytes on a URL signed for more").isEqualTo(403);
        JsonNode tampered = cases.presign(c, "PROOF_OF_FUNDS", "application/pdf", announced);
        Api.Response badDigest = api.upload(tampered, other);
        assertThat(badDigest.status()).as("body not matching the signed checksum").isEqualTo(400);
        assertThat(badDigest.body()).contains("BadDigest");
        JsonNode otherKey = cases.presign(c, "PROOF_OF_FUNDS", "application/pdf", announced);
        assertThat(api.upload(otherKey, announced, Map.of("x-amz-server-side-encryption-aws-kms-key-id",
                keys.personalDataKeyArn())).status()).as("another KMS key than signed").isEqualTo(403);
        for (JsonNode refused : java.util.List.of(empty, tampered, otherKey)) {
            String key = "incoming/" + c.caseId() + "/" + refused.get("documentId").asText();
            assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key)).versions()).as(key).isEmpty();
        }

        // The upload function's own checks behind the door, for objects written without a presigned URL
        // (by a writer holding the bucket's credentials directly): it rejects and removes them too.
        try (S3Client writer = directWriter()) {
            documents.put("EMPTY_FILE", direct(writer, c, empty, new byte[0], keys.documentsKeyArn()));
            documents.put("CHECKSUM_MISMATCH", direct(writer, c, tampered, other, keys.documentsKeyArn()));
            documents.put("NOT_ENCRYPTED_WITH_DOCUMENTS_KEY", direct(writer, c, otherKey, announced, keys.personalDataKeyArn()));
        }

        documents.forEach((expected, documentId) -> {
            JsonNode settled = cases.awaitSettled(c, documentId);
            assertThat(settled.get("status").asText()).as(expected).isEqualTo("REJECTED");
            assertThat(settled.get("reasonCode").asText()).as(expected).isEqualTo(expected.split("/")[0]);
            assertThat(settled.get("reason").asText()).isNotBlank();
            String key = "incoming/" + c.caseId() + "/" + documentId;
            // The verdict is recorded first; the object is removed once its malware scan result shows it
            // harmless (a malicious one would be quarantined instead); allow for those steps.
            var listing = s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key));
            for (int i = 0; i < 50 && !listing.versions().isEmpty(); i++) {
                Cases.sleep(100);
                listing = s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key));
            }
            assertThat(listing.versions()).as(expected + ": no version left").isEmpty();
            assertThat(listing.deleteMarkers()).as(expected + ": no delete marker either").isEmpty();
        });
        Api.Response submit = api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null);
        assertThat(submit.status()).isEqualTo(409);
    }

    /** An S3 client of its own (not the application's, whose calls the authorization oracle checks). */
    private static S3Client directWriter() {
        return S3Client.builder().endpointOverride(java.net.URI.create(LocalStack.awsEndpoint()))
                .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("123456789012", "test")))
                .forcePathStyle(true).build();
    }

    private static String direct(S3Client writer, Cases.Opened c, JsonNode slot, byte[] body, String kmsKey) {
        String documentId = slot.get("documentId").asText();
        writer.putObject(r -> r.bucket(BUCKET).key("incoming/" + c.caseId() + "/" + documentId).contentType("application/pdf")
                .serverSideEncryption(software.amazon.awssdk.services.s3.model.ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKey),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(body));
        return documentId;
    }
}
