package io.kycvault.intake.model;

import java.time.Instant;

/**
 * One document slot of a case: created when a presigned URL is issued, settled once by the upload
 * event. {@code sha256} is the base64 SHA-256 the applicant announced and the URL is bound to.
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
        Instant settledAt) {

    public String objectKey() {
        return objectKey(caseId, documentId);
    }

    public static String objectKey(String caseId, String documentId) {
        return "incoming/" + caseId + "/" + documentId;
    }
}
