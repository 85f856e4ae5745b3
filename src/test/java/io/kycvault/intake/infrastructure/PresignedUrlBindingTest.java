package io.kycvault.intake.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.casefile.model.DocumentType;
import io.kycvault.intake.application.DocumentStorage;
import io.kycvault.intake.application.IntakeConfig;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.testing.Api;
import io.kycvault.testing.Fixtures;
import io.kycvault.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The presigned PUT's signature binds key, type, length, checksum header, SSE-KMS headers and
 * If-None-Match, and storage checks the body against the signed x-amz-checksum-sha256. Runs our
 * presigning adapter against LocalStack's S3 (signature validation on), which verifies SigV4 query
 * signatures, their expiry, If-None-Match and the checksum of the body, on a bucket of its own with
 * a real KMS key of LocalStack's KMS.
 */
@QuarkusTest
class PresignedUrlBindingTest {

    private static final String BUCKET = "binding-test";
    private static String keyArn;
    private static S3Client s3;
    private static S3DocumentStorage storage;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void createBucket() {
        String endpoint = LocalStack.awsEndpoint();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "test"));
        var pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_CENTRAL_1)
                .credentialsProvider(credentials).serviceConfiguration(pathStyle).build();
        S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_CENTRAL_1)
                .credentialsProvider(credentials).serviceConfiguration(pathStyle).build();
        try (KmsClient kms = KmsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_CENTRAL_1)
                .credentialsProvider(credentials).build()) {
            keyArn = kms.createKey(r -> r.description("PresignedUrlBindingTest")).keyMetadata().arn();
        }
        try {
            s3.createBucket(r -> r.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.EU_CENTRAL_1)));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // a second run in the same emulator
        }
        IntakeConfig config = new StaticIntakeConfig();
        storage = new S3DocumentStorage(s3, presigner, config, new KmsKeys(null, config));
    }

    record Attempt(String url, byte[] body, Map<String, String> headers) {
    }

    private static final byte[] FILE = Fixtures.textPdf("passport");

    @Test
    void exactRequestIsAcceptedOnceAndNeverOverwritten() {
        var slot = slot(FILE);
        var upload = storage.presignUpload(slot, Duration.ofMinutes(5));
        assertThat(put(attempt(upload, FILE))).isEqualTo(200);
        byte[] other = Fixtures.textPdf("forged passport");
        Map<String, String> headers = new HashMap<>(upload.headers());
        assertThat(put(new Attempt(upload.url(), FILE, headers))).as("replay of the same URL").isEqualTo(412);
        assertThat(read(slot)).isEqualTo(FILE);
        assertThat(other).isNotEqualTo(FILE);
    }

    @Test
    void everyBoundPropertyIsEnforcedByTheSignature() {
        Map<String, UnaryOperator<Attempt>> tamperings = new java.util.LinkedHashMap<>();
        tamperings.put("tampered signature", a -> new Attempt(flipSignature(a.url()), a.body(), a.headers()));
        tamperings.put("other key", a -> new Attempt(a.url().replace("/incoming/", "/incoming/x"), a.body(), a.headers()));
        tamperings.put("body longer than signed", a -> new Attempt(a.url(), concat(a.body(), new byte[] {1}), a.headers()));
        tamperings.put("body shorter than signed", a -> new Attempt(a.url(), java.util.Arrays.copyOf(a.body(), a.body().length - 1), a.headers()));
        tamperings.put("other content type", a -> new Attempt(a.url(), a.body(), with(a.headers(), "content-type", "text/html")));
        tamperings.put("missing SSE-KMS", a -> new Attempt(a.url(), a.body(), without(a.headers(), "x-amz-server-side-encryption")));
        tamperings.put("other SSE-KMS key", a -> new Attempt(a.url(), a.body(), with(a.headers(),
                "x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:eu-central-1:123456789012:key/attacker")));
        tamperings.put("AES256 instead of KMS", a -> new Attempt(a.url(), a.body(), with(a.headers(), "x-amz-server-side-encryption", "AES256")));
        tamperings.put("missing If-None-Match", a -> new Attempt(a.url(), a.body(), without(a.headers(), "if-none-match")));
        tamperings.put("other checksum header", a -> new Attempt(a.url(), a.body(), with(a.headers(), "x-amz-checksum-sha256", Api.sha256(new byte[] {1}))));
        tamperings.forEach((name, tamper) -> {
            var slot = slot(FILE);
            var upload = storage.presignUpload(slot, Duration.ofMinutes(5));
            Attempt attempt = tamper.apply(attempt(upload, FILE));
            assertThat(put(attempt)).as(name).isEqualTo(403);
            assertThat(exists(slot)).as(name + ": no object created").isFalse();
            assertThat(exists(slot.objectKey().replace("/incoming/", "/incoming/x"))).isFalse();
        });
    }

    @Test
    void bodyNotMatchingTheSignedChecksumIsRefusedByStorage() {
        var slot = slot(FILE);
        var upload = storage.presignUpload(slot, Duration.ofMinutes(5));
        byte[] other = FILE.clone();
        other[other.length / 2] ^= 0x01;
        var response = send(attempt(upload, other));
        assertThat(response.statusCode()).as("same length, other bytes than the signed x-amz-checksum-sha256").isEqualTo(400);
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<Code>BadDigest</Code>");
        assertThat(exists(slot)).as("no object created").isFalse();
        assertThat(put(attempt(upload, FILE))).as("the exact body is still accepted").isEqualTo(200);
        assertThat(read(slot)).isEqualTo(FILE);
    }

    @Test
    void expiredUrlIsRefused() {
        var slot = slot(FILE);
        var upload = storage.presignUpload(slot, Duration.ofSeconds(1));
        assertThat(upload.expiresAt()).isBefore(Instant.now().plusSeconds(2));
        sleepPastExpiry(upload.url());
        assertThat(put(attempt(upload, FILE))).isEqualTo(403);
        assertThat(exists(slot)).isFalse();
    }

    @Test
    void documentLinkIsAnAttachmentOfOneVersionAndExpires() throws Exception {
        var slot = slot(FILE);
        assertThat(put(attempt(storage.presignUpload(slot, Duration.ofMinutes(5)), FILE))).isEqualTo(200);
        var link = storage.presignDownload(slot.objectKey(), null, "application/pdf", "passport.pdf", Duration.ofSeconds(2));
        assertThat(link.url()).contains("X-Amz-Expires=2").contains("response-content-disposition=attachment");
        var fresh = HTTP.send(HttpRequest.newBuilder(URI.create(link.url())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).isEqualTo(FILE);
        sleepPastExpiry(link.url());
        var expired = HTTP.send(HttpRequest.newBuilder(URI.create(link.url())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(expired.statusCode()).as("an expired link is refused by the signature check").isEqualTo(403);
        String tampered = link.url().replace("response-content-disposition=attachment", "response-content-disposition=inline");
        var inline = HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(inline.statusCode()).as("the attachment disposition is signed").isEqualTo(403);
    }

    private static Document slot(byte[] bytes) {
        return new Document(UUID.randomUUID().toString(), UUID.randomUUID().toString(), DocumentType.PASSPORT,
                "application/pdf", bytes.length, Api.sha256(bytes), DocumentStatus.AWAITING_UPLOAD, null, null, Instant.now(), null);
    }

    private static Attempt attempt(DocumentStorage.PresignedUpload upload, byte[] body) {
        return new Attempt(upload.url(), body, new HashMap<>(upload.headers()));
    }

    private static final Set<String> RESTRICTED = Set.of("content-length", "host");

    private static int put(Attempt attempt) {
        return send(attempt).statusCode();
    }

    private static HttpResponse<byte[]> send(Attempt attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(attempt.url())).PUT(HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
        attempt.headers().forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase())) {
                b.header(k, v);
            }
        });
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean exists(Document slot) {
        return exists(slot.objectKey());
    }

    private static boolean exists(String key) {
        return s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(key)).contents().stream().anyMatch(o -> o.key().equals(key));
    }

    private static byte[] read(Document slot) {
        try {
            return s3.getObject(r -> r.bucket(BUCKET).key(slot.objectKey()), ResponseTransformer.toBytes()).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static String flipSignature(String url) {
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char c = url.charAt(at);
        return url.substring(0, at) + (c == '0' ? '1' : '0') + url.substring(at + 1);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.remove(name);
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * Sleeps until the URL's signature has expired by the clock storage checks it with: the signing
     * time (X-Amz-Date, whole seconds) plus X-Amz-Expires, and a second for clocks that round.
     */
    private static void sleepPastExpiry(String url) {
        var query = java.util.Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : ""));
        Instant signedAt = java.time.LocalDateTime.parse(query.get("X-Amz-Date"),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(java.time.ZoneOffset.UTC);
        Instant expired = signedAt.plusSeconds(Long.parseLong(query.get("X-Amz-Expires"))).plusSeconds(1);
        sleep(Math.max(0, Duration.between(Instant.now(), expired).toMillis()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class StaticIntakeConfig implements IntakeConfig {
        public String bucket() { return BUCKET; }
        public String documentsKey() { return keyArn; }
        public String personalDataKey() { return keyArn; }
        public Duration presignTtl() { return Duration.ofMinutes(5); }
        public long maxBytes() { return 10 * 1024 * 1024; }
        public int maxPresignsPerCase() { return 20; }
        public Set<String> allowedContentTypes() { return Set.of("application/pdf"); }
        public List<String> requiredDocuments() { return List.of(); }
        public int imageMaxSide() { return 12_000; }
        public long imageMaxPixels() { return 80_000_000L; }
        public Duration scanTimeout() { return Duration.ofMinutes(30); }
        public String uploadQueue() { return "kyc-vault-upload-events"; }
    }
}
