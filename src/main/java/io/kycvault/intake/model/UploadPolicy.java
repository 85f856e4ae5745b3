package io.kycvault.intake.model;

import io.kycvault.shared.DomainException;
import java.util.Base64;
import java.util.Set;

/** What an applicant may ask a presigned upload URL for. */
public record UploadPolicy(Set<String> allowedContentTypes, long maxBytes, int maxPresignsPerCase) {

    public UploadPolicy {
        allowedContentTypes = Set.copyOf(allowedContentTypes);
    }

    /** Refuses a request that names a type, size or checksum we would never accept. */
    public void check(String contentType, long contentLength, String sha256Base64) {
        if (contentType == null || !allowedContentTypes.contains(contentType)) {
            throw DomainException.invalid("UNSUPPORTED_CONTENT_TYPE", "contentType must be one of " + allowedContentTypes);
        }
        if (contentLength < 1) {
            throw DomainException.invalid("INVALID_CONTENT_LENGTH", "contentLength must be at least 1 byte");
        }
        if (contentLength > maxBytes) {
            throw DomainException.invalid("FILE_TOO_LARGE", "contentLength must not exceed " + maxBytes + " bytes");
        }
        if (!isSha256Base64(sha256Base64)) {
            throw DomainException.invalid("INVALID_SHA256", "sha256 must be the base64 encoding of a 32-byte SHA-256 digest");
        }
    }

    static boolean isSha256Base64(String value) {
        if (value == null || value.length() != 44) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(value).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
