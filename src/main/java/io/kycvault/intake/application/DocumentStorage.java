package io.kycvault.intake.application;

import io.kycvault.intake.model.Document;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The documents bucket, as the intake capability needs it. */
public interface DocumentStorage {

    record PresignedUpload(String url, Map<String, String> headers, Instant expiresAt) {
    }

    record StoredObject(byte[] bytes, long size, String serverSideEncryption, String kmsKeyId, String versionId) {
    }

    PresignedUpload presignUpload(Document slot, Duration validFor);

    /**
     * Reads one object version, at most {@code maxBytes + 1} bytes, so an oversized object is noticed
     * without reading it whole. Empty when the object (version) does not exist.
     */
    Optional<StoredObject> fetch(String key, String versionId, long maxBytes);

    /** Removes every version and delete marker under a prefix; returns how many were removed. */
    int deleteAllVersions(String prefix);

    /**
     * Every version under the prefix, locked evidence included (the governance bypass): for the
     * retention purge and the erasure of a draft only; the bucket policy refuses the bypass to
     * every other role.
     */
    int purgeAllVersions(String prefix);

    /**
     * Locks a version that became evidence (verified and scanned clean) against deletion until
     * {@code verifiedAt} plus {@link io.kycvault.casefile.model.RetentionPolicy#EVIDENCE_LOCK}: S3 Object
     * Lock, governance mode.
     */
    void protect(String key, String versionId, java.time.Instant verifiedAt);

    /** Removes one object version permanently; succeeds when it is already gone. */
    void deleteVersion(String key, String versionId);

    String documentsKeyArn();

    record DownloadLink(String url, Instant expiresAt) {
    }

    /** A presigned GET of one object version, served as an attachment with the verified content type. */
    DownloadLink presignDownload(String key, String versionId, String contentType, String fileName, Duration validFor);
}
