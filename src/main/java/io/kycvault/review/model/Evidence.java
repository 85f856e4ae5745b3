package io.kycvault.review.model;

import io.kycvault.intake.model.Document;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of what a reviewer decides over: every reviewable document — structurally verified
 * and scanned clean — (id, type, announced SHA-256, S3 version) and the personal-data version. A new
 * or replaced document changes it once it is reviewable; a quarantined one leaves it.
 */
public final class Evidence {

    private Evidence() {
    }

    public static String fingerprint(List<Document> documents, int personalDataVersion) {
        StringBuilder canonical = new StringBuilder("pd:").append(personalDataVersion).append('\n');
        documents.stream()
                .filter(Document::isReviewable)
                .sorted(java.util.Comparator.comparing(Document::documentId))
                .forEach(d -> canonical.append(d.documentId()).append(':').append(d.type()).append(':')
                        .append(d.sha256()).append(':').append(d.versionId()).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
