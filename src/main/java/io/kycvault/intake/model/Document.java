package io.kycvault.intake.model;

import io.kycvault.casefile.model.DocumentType;
import java.time.Instant;

/**
 * One document slot of a case: created when a presigned URL is issued, settled by the upload event
 * (structure) and by the malware scan result of the same object version (see {@link MalwareGate}).
 * {@code sha256} is the base64 SHA-256 the applicant announced and the URL is bound to;
 * {@code versionId} the S3 version the upload function judged; {@code scan} the scan result
 * recorded, which may be about another version (then it does not count).
 */
public record Document(
        String caseId,
        String documentId,
        DocumentType type,
        String contentType,
        long contentLength,
        String sha256,
        DocumentStatus status,
        RejectionReason rejection,
        String versionId,
        Instant presignedAt,
        Instant settledAt,
        MalwareScan scan) {

    public Document(String caseId, String documentId, DocumentType type, String contentType, long contentLength, String sha256,
            DocumentStatus status, RejectionReason rejection, String versionId, Instant presignedAt, Instant settledAt) {
        this(caseId, documentId, type, contentType, contentLength, sha256, status, rejection, versionId, presignedAt, settledAt, null);
    }

    public Document with(DocumentStatus newStatus, RejectionReason newRejection, String newVersionId, Instant newSettledAt,
            MalwareScan newScan) {
        return new Document(caseId, documentId, type, contentType, contentLength, sha256, newStatus, newRejection, newVersionId,
                presignedAt, newSettledAt, newScan);
    }

    /** Only a structurally verified version scanned clean may be shown to a reviewer. */
    public boolean isReviewable() {
        return status == DocumentStatus.VERIFIED && scan != null && scan.isAbout(versionId)
                && scan.result() == ScanResult.NO_THREATS_FOUND;
    }

    public String objectKey() {
        return objectKey(caseId, documentId);
    }

    public static String objectKey(String caseId, String documentId) {
        return "incoming/" + caseId + "/" + documentId;
    }

    /** The case and document an object key names, the inverse of {@link #objectKey(String, String)}. */
    public record Key(String caseId, String documentId) {
    }

    private static final java.util.regex.Pattern OBJECT_KEY = java.util.regex.Pattern.compile("incoming/([^/]+)/([^/]+)");

    /** Empty for a key outside the upload pattern or with ids this pipeline never issued. */
    public static java.util.Optional<Key> ofObjectKey(String key) {
        var m = OBJECT_KEY.matcher(key == null ? "" : key);
        if (!m.matches() || !io.kycvault.shared.Ids.isIssued(m.group(1)) || !io.kycvault.shared.Ids.isIssued(m.group(2))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Key(m.group(1), m.group(2)));
    }
}
