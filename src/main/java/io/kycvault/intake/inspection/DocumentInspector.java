package io.kycvault.intake.inspection;

import io.kycvault.intake.model.RejectionReason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Judges an uploaded object against what the applicant announced when asking for the URL. The
 * order matters: cheap facts first (size, checksum, encryption), then the real type, then the
 * type-specific structure. Pure: bytes and facts in, a verdict out.
 */
public final class DocumentInspector {

    private final ImageLimits imageLimits;

    public DocumentInspector(ImageLimits imageLimits) {
        this.imageLimits = imageLimits;
    }

    /** What the applicant announced and the URL was signed for. */
    public record Announced(String contentType, long contentLength, String sha256Base64, String requiredKmsKeyArn) {
    }

    /** What storage reports about the object, besides its bytes. */
    public record Stored(String serverSideEncryption, String kmsKeyId) {
    }

    public record Verdict(Optional<RejectionReason> rejection, FileKind kind) {
        public boolean accepted() {
            return rejection.isEmpty();
        }
    }

    public Verdict inspect(byte[] bytes, Announced announced, Stored stored) {
        if (bytes.length == 0) {
            return reject(RejectionReason.EMPTY_FILE);
        }
        if (bytes.length != announced.contentLength()) {
            return reject(RejectionReason.SIZE_MISMATCH);
        }
        if (!sha256(bytes).equals(announced.sha256Base64())) {
            return reject(RejectionReason.CHECKSUM_MISMATCH);
        }
        if (!"aws:kms".equals(stored.serverSideEncryption()) || !sameKey(stored.kmsKeyId(), announced.requiredKmsKeyArn())) {
            return reject(RejectionReason.NOT_ENCRYPTED_WITH_DOCUMENTS_KEY);
        }
        Optional<FileKind> kind = FileKind.sniff(bytes);
        if (kind.isEmpty()) {
            return reject(RejectionReason.UNSUPPORTED_FILE_TYPE);
        }
        if (!kind.get().contentType().equals(announced.contentType())) {
            return new Verdict(Optional.of(RejectionReason.CONTENT_TYPE_MISMATCH), kind.get());
        }
        Optional<RejectionReason> structural = switch (kind.get()) {
            case PNG -> PngInspector.inspect(bytes, imageLimits);
            case JPEG -> JpegInspector.inspect(bytes, imageLimits);
            case PDF -> PdfInspector.inspect(bytes);
        };
        return new Verdict(structural, kind.get());
    }

    private static boolean sameKey(String stored, String required) {
        if (stored == null || required == null) {
            return false;
        }
        // S3 reports the key ARN; accept the bare key id of the same key too.
        return stored.equals(required) || required.endsWith("/" + stored) || stored.endsWith("/" + required);
    }

    private static Verdict reject(RejectionReason reason) {
        return new Verdict(Optional.of(reason), null);
    }

    public static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
