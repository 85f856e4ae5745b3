package io.kycvault.intake.application;

import io.kycvault.audit.application.AuditTrail;
import io.kycvault.audit.model.AuditRecord;
import io.kycvault.intake.inspection.DocumentInspector;
import io.kycvault.intake.inspection.ImageLimits;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.KycCase;
import io.kycvault.intake.model.RejectionReason;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Settles a document slot once its object arrived. S3 delivers events at least once and in any
 * order, so this is idempotent: the slot is settled with a conditional write that only succeeds
 * from {@code AWAITING_UPLOAD}, and a repeated event for a rejected object only repeats the delete.
 */
@ApplicationScoped
public class VerifyingUpload {

    public enum Outcome { VERIFIED, REJECTED, ALREADY_SETTLED, IGNORED }

    /** An S3 ObjectCreated notification, key already URL-decoded. */
    public record ObjectCreated(String bucket, String key, String versionId, long size) {
    }

    private static final Logger LOG = Logger.getLogger(VerifyingUpload.class);
    private static final Pattern KEY = Pattern.compile("incoming/([^/]+)/([^/]+)");
    private static final int ATTEMPTS = 5;

    private final CaseStore cases;
    private final DocumentStorage storage;
    private final DocumentInspector inspector;
    private final IntakeConfig config;
    private final Clock clock;

    public VerifyingUpload(CaseStore cases, DocumentStorage storage, IntakeConfig config, Clock clock) {
        this.cases = cases;
        this.storage = storage;
        this.config = config;
        this.inspector = new DocumentInspector(new ImageLimits(config.imageMaxSide(), config.imageMaxPixels()));
        this.clock = clock;
    }

    public Outcome handle(ObjectCreated event) {
        if (!config.bucket().equals(event.bucket())) {
            securityEvent("event for a foreign bucket", event);
            return Outcome.IGNORED;
        }
        Matcher m = KEY.matcher(event.key());
        if (!m.matches() || !Ids.isIssued(m.group(1)) || !Ids.isIssued(m.group(2))) {
            securityEvent("object key outside the upload pattern", event);
            return Outcome.IGNORED;
        }
        String caseId = m.group(1);
        String documentId = m.group(2);
        for (int attempt = 1; ; attempt++) {
            var found = cases.findWithDocument(caseId, documentId);
            if (found.isEmpty() || found.get().document().isEmpty()) {
                // No slot was ever issued for this key: nobody of ours signed this upload.
                securityEvent("object without an issued upload slot; deleting it", event);
                storage.deleteVersion(event.key(), event.versionId());
                return Outcome.IGNORED;
            }
            KycCase current = found.get().kycCase();
            Document slot = found.get().document().get();
            if (slot.status().isFinal()) {
                return repeated(slot, event);
            }
            Instant now = clock.instant();
            // After the decision the evidence is frozen: a file through a URL issued before it (still
            // valid for minutes) is recorded as late and removed, never inspected into the case.
            Document settled = current.status().acceptsUploads() ? settle(slot, event, now)
                    : withResult(slot, DocumentStatus.REJECTED, RejectionReason.LATE_UPLOAD, event.versionId(), now);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("documentId", documentId);
            details.put("docType", slot.type().name());
            details.put("result", settled.status().name());
            if (settled.rejection() != null) {
                details.put("reason", settled.rejection().name());
            }
            if (settled.versionId() != null) {
                details.put("versionId", settled.versionId());
            }
            AuditRecord record = AuditTrail.next(current, now, "system:upload-verifier",
                    settled.status() == DocumentStatus.VERIFIED ? "DOCUMENT_VERIFIED"
                            : settled.rejection() == RejectionReason.LATE_UPLOAD ? "DOCUMENT_ARRIVED_LATE" : "DOCUMENT_REJECTED",
                    current.status(), details);
            KycCase advanced = AuditTrail.advance(current, record, current.status(), now);
            boolean written;
            try {
                written = cases.settleDocument(current, advanced, settled, record);
            } catch (CaseStore.ConcurrentChange e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            if (!written) {
                return Outcome.ALREADY_SETTLED;
            }
            if (settled.status() == DocumentStatus.REJECTED) {
                storage.deleteVersion(event.key(), event.versionId());
                LOG.infof("document %s of case %s rejected: %s", documentId, caseId, settled.rejection());
                return Outcome.REJECTED;
            }
            return Outcome.VERIFIED;
        }
    }

    private Document settle(Document slot, ObjectCreated event, Instant now) {
        Optional<DocumentStorage.StoredObject> stored = storage.fetch(event.key(), event.versionId(), config.maxBytes());
        if (stored.isEmpty()) {
            return withResult(slot, DocumentStatus.REJECTED, RejectionReason.OBJECT_MISSING, event.versionId(), now);
        }
        var object = stored.get();
        var verdict = inspector.inspect(object.bytes(),
                new DocumentInspector.Announced(slot.contentType(), slot.contentLength(), slot.sha256(), storage.documentsKeyArn()),
                new DocumentInspector.Stored(object.serverSideEncryption(), object.kmsKeyId()));
        return verdict.accepted()
                ? withResult(slot, DocumentStatus.VERIFIED, null, object.versionId(), now)
                : withResult(slot, DocumentStatus.REJECTED, verdict.rejection().get(), object.versionId(), now);
    }

    /** A repeated or late event for a settled slot: make sure a rejected object is gone, change nothing else. */
    private Outcome repeated(Document slot, ObjectCreated event) {
        if (slot.status() == DocumentStatus.REJECTED) {
            storage.deleteVersion(event.key(), event.versionId());
        } else if (slot.versionId() != null && event.versionId() != null && !slot.versionId().equals(event.versionId())) {
            // Uploads are create-only, so a second version under a verified key means someone bypassed the URL.
            securityEvent("second object version under a verified key; deleting it", event);
            storage.deleteVersion(event.key(), event.versionId());
        }
        return Outcome.ALREADY_SETTLED;
    }

    private static Document withResult(Document slot, DocumentStatus status, RejectionReason reason, String versionId, Instant now) {
        return new Document(slot.caseId(), slot.documentId(), slot.type(), slot.contentType(), slot.contentLength(),
                slot.sha256(), status, reason, versionId, slot.presignedAt(), now);
    }

    private static void securityEvent(String what, ObjectCreated event) {
        LOG.warnf("SECURITY_EVENT upload: %s (bucket=%s key=%s version=%s)", what, sanitize(event.bucket()),
                sanitize(event.key()), sanitize(event.versionId()));
    }

    /** Keys come from outside: keep log lines single and short. */
    static String sanitize(String value) {
        if (value == null) {
            return "-";
        }
        String cleaned = value.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }
}
