package io.kycvault.intake.infrastructure;

import io.kycvault.intake.application.DocumentStorage;
import io.kycvault.intake.application.IntakeConfig;
import io.kycvault.intake.model.Document;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@ApplicationScoped
public class S3DocumentStorage implements DocumentStorage {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final KmsKeys keys;

    public S3DocumentStorage(S3Client s3, S3Presigner presigner, IntakeConfig config, KmsKeys keys) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = config.bucket();
        this.keys = keys;
    }

    /**
     * Every header that matters is signed, so S3 refuses a request that drops or changes one: the
     * server-made key, content type and length, the SHA-256 checksum, SSE-KMS with the documents key
     * and {@code If-None-Match: *} (create-only, so the URL cannot overwrite or be replayed).
     */
    @Override
    public PresignedUpload presignUpload(Document slot, Duration validFor) {
        PutObjectRequest put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(slot.objectKey())
                .contentType(slot.contentType())
                .contentLength(slot.contentLength())
                .checksumSHA256(slot.sha256())
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(keys.documentsKeyArn())
                .bucketKeyEnabled(true)
                .ifNoneMatch("*")
                .build();
        var presigned = presigner.presignPutObject(p -> p.signatureDuration(validFor).putObjectRequest(put));
        Map<String, String> headers = new TreeMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!"host".equalsIgnoreCase(name)) {
                headers.put(name, String.join(",", values));
            }
        });
        return new PresignedUpload(presigned.url().toString(), headers, presigned.expiration());
    }

    @Override
    public Optional<StoredObject> fetch(String key, String versionId, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key).versionId(versionId)
                .checksumMode(ChecksumMode.ENABLED))) {
            GetObjectResponse head = in.response();
            byte[] bytes = readAtMost(in, maxBytes + 1);
            return Optional.of(new StoredObject(bytes, head.contentLength() == null ? bytes.length : head.contentLength(),
                    head.serverSideEncryptionAsString(), head.ssekmsKeyId(), head.versionId()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
    }

    @Override
    public int deleteAllVersions(String prefix) {
        return deleteAll(prefix, false);
    }

    @Override
    public int purgeAllVersions(String prefix) {
        return deleteAll(prefix, true);
    }

    private int deleteAll(String prefix, boolean bypassEvidenceLock) {
        int removed = 0;
        for (var page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket).prefix(prefix))) {
            for (var v : page.versions()) {
                deleteVersionIfThere(v.key(), v.versionId(), bypassEvidenceLock);
                removed++;
            }
            for (var m : page.deleteMarkers()) {
                deleteVersionIfThere(m.key(), m.versionId(), false);
            }
        }
        return removed;
    }

    @Override
    public void protect(String key, String versionId, Instant verifiedAt) {
        Instant until = verifiedAt.atZone(java.time.ZoneOffset.UTC).plus(io.kycvault.casefile.model.RetentionPolicy.EVIDENCE_LOCK).toInstant();
        s3.putObjectRetention(r -> r.bucket(bucket).key(key).versionId(versionId)
                .retention(x -> x.mode(software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode.GOVERNANCE)
                        .retainUntilDate(until)));
    }

    @Override
    public void deleteVersion(String key, String versionId) {
        if (versionId == null) {
            // Without a version id a versioned bucket only adds a delete marker; remove every version instead.
            List<String> versions = s3.listObjectVersions(r -> r.bucket(bucket).prefix(key)).versions().stream()
                    .filter(v -> v.key().equals(key)).map(v -> v.versionId()).toList();
            for (String v : versions) {
                deleteVersionIfThere(key, v, false);
            }
            return;
        }
        deleteVersionIfThere(key, versionId, false);
    }

    /**
     * Deletes one version, done if it is not there: a duplicate delivery of the same notification, handled
     * side by side, deletes the same versions. AWS answers the delete of a version that is gone with 204;
     * LocalStack with 400 InvalidArgument "Invalid version id specified" (AWS's answer for an id that
     * cannot exist), other emulators with 404 NoSuchVersion. Any other refusal is an error.
     */
    private void deleteVersionIfThere(String key, String versionId, boolean bypassEvidenceLock) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key).versionId(versionId)
                    .bypassGovernanceRetention(bypassEvidenceLock ? true : null));
        } catch (S3Exception e) {
            boolean gone = e.statusCode() == 404 || e.statusCode() == 400 && e.awsErrorDetails() != null
                    && "InvalidArgument".equals(e.awsErrorDetails().errorCode());
            if (!gone) {
                throw e;
            }
        }
    }

    @Override
    public DownloadLink presignDownload(String key, String versionId, String contentType, String fileName, Duration validFor) {
        var presigned = presigner.presignGetObject(p -> p.signatureDuration(validFor).getObjectRequest(g -> g
                .bucket(bucket)
                .key(key)
                .versionId(versionId)
                .responseContentType(contentType)
                .responseContentDisposition("attachment; filename=\"" + fileName + "\"")
                .responseCacheControl("no-store")));
        return new DownloadLink(presigned.url().toString(), presigned.expiration());
    }

    @Override
    public String documentsKeyArn() {
        return keys.documentsKeyArn();
    }
}
