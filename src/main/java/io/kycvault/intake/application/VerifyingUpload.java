package io.kycvault.intake.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.intake.inspection.DocumentInspector;
import io.kycvault.intake.inspection.ImageLimits;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.MalwareGate;
import io.kycvault.intake.model.RejectionReason;
import io.kycvault.shared.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Settles a document slot's structure once its object arrived. S3 delivers events at least once and
 * in any order, so this is idempotent: the slot is settled with a conditional write that only
 * succeeds from {@code AWAITING_UPLOAD}. A structurally sound object waits for its malware scan
 * result ({@link MalwareGate}: the result may also have come first); a rejected object is deleted
 * only once its own scan result is known and is no threat, so a malicious one is still quarantined.
 */
@ApplicationScoped
public class VerifyingUpload {

    public enum Outcome { VERIFIED, REJECTED, ALREADY_SETTLED, IGNORED }

    /** An S3 ObjectCreated notification, key already URL-decoded. */
    public record ObjectCreated(String bucket, String key, String versionId, long size) {
    }

    private static final Logger LOG = Logger.getLogger(VerifyingUpload.class);

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
        var key = Document.ofObjectKey(event.key());
        if (key.isEmpty()) {
            securityEvent("object key outside the upload pattern", event);
            return Outcome.IGNORED;
        }
        String caseId = key.get().caseId();
        String documentId = key.get().documentId();
        // An object version never changes: it is fetched and inspected once per delivery, however often
        // the write below loses a race to the case's other writers (scan results of its other documents).
        Map<DocumentInspector.Announced, Inspected> inspected = new HashMap<>();
        return ChangingCase.retrying(() -> {
            var found = cases.findWithDocument(caseId, documentId);
            if (found.isEmpty() || found.get().document().isEmpty()) {
                // No slot was ever issued for this key: nobody of ours signed this upload.
                securityEvent("object without an issued upload slot; deleting it", event);
                storage.deleteVersion(event.key(), event.versionId());
                return Outcome.IGNORED;
            }
            KycCase current = found.get().kycCase();
            Document slot = found.get().document().get();
            if (slot.status().isSettled()) {
                return repeated(slot, event);
            }
            Instant now = clock.instant();
            // After the decision the evidence is frozen: a file through a URL issued before it (still
            // valid for minutes) is recorded as late and removed, never inspected into the case.
            Document settled = current.status().acceptsUploads() ? settle(slot, event, now, inspected)
                    : MalwareGate.settle(slot, Optional.of(RejectionReason.LATE_UPLOAD), event.versionId(), now);
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
            var transition = current.change(now, "system:upload-verifier", switch (settled.status()) {
                case REJECTED -> settled.rejection() == RejectionReason.LATE_UPLOAD ? "DOCUMENT_ARRIVED_LATE" : "DOCUMENT_REJECTED";
                case QUARANTINED -> "DOCUMENT_QUARANTINED";
                default -> "DOCUMENT_VERIFIED";
            }, current.status(), details);
            AuditRecord record = transition.record();
            KycCase advanced = transition.after();
            if (settled.status() == DocumentStatus.VERIFIED) {
                // Locked before it is recorded as evidence: a crash in between leaves a locked version
                // that is not evidence yet (kept until the purge), never evidence that can be deleted.
                storage.protect(event.key(), settled.versionId(), now);
            }
            if (!cases.settleDocument(current, advanced, settled, record)) {
                // Settled by another delivery, or a scan result was recorded meanwhile: read it again
                // (a settled slot is then handled as a repeated event).
                throw new CaseFiles.ConcurrentChange("document " + documentId + " changed meanwhile");
            }
            if (settled.status() == DocumentStatus.QUARANTINED) {
                LOG.warnf("SECURITY_EVENT malware: document %s of case %s quarantined: the scan of version %s found %s",
                        documentId, caseId, LogText.sanitize(settled.versionId()), LogText.sanitize(settled.scan().threat()));
                return Outcome.REJECTED;
            }
            if (settled.status() == DocumentStatus.REJECTED) {
                if (MalwareGate.disposable(settled)) {
                    storage.deleteVersion(event.key(), settled.versionId());
                } else {
                    LOG.infof("rejected object of document %s kept until its malware scan result arrives", documentId);
                }
                LOG.infof("document %s of case %s rejected: %s", documentId, caseId, settled.rejection());
                return Outcome.REJECTED;
            }
            return Outcome.VERIFIED;
        });
    }

    /** What the stored bytes of one object version say, whatever state the case is in. */
    private record Inspected(Optional<RejectionReason> rejection, String versionId) {
    }

    private Document settle(Document slot, ObjectCreated event, Instant now, Map<DocumentInspector.Announced, Inspected> inspected) {
        var announced = new DocumentInspector.Announced(slot.contentType(), slot.contentLength(), slot.sha256(), storage.documentsKeyArn());
        Inspected verdict = inspected.computeIfAbsent(announced, a -> inspect(a, event));
        return MalwareGate.settle(slot, verdict.rejection(), verdict.versionId(), now);
    }

    private Inspected inspect(DocumentInspector.Announced announced, ObjectCreated event) {
        Optional<DocumentStorage.StoredObject> stored = storage.fetch(event.key(), event.versionId(), config.maxBytes());
        if (stored.isEmpty()) {
            return new Inspected(Optional.of(RejectionReason.OBJECT_MISSING), event.versionId());
        }
        var object = stored.get();
        var verdict = inspector.inspect(object.bytes(), announced,
                new DocumentInspector.Stored(object.serverSideEncryption(), object.kmsKeyId()));
        return new Inspected(verdict.rejection(), object.versionId());
    }

    /**
     * A repeated or late event for a settled slot: make sure a rejected object whose scan result is
     * known to be harmless is gone, and remove a second version written around the URL; a
     * quarantined version stays for compliance. Nothing else changes.
     */
    private Outcome repeated(Document slot, ObjectCreated event) {
        boolean sameVersion = event.versionId() == null || event.versionId().equals(slot.versionId());
        if (sameVersion) {
            if (MalwareGate.disposable(slot)) {
                storage.deleteVersion(event.key(), slot.versionId());
            }
        } else if (slot.versionId() != null) {
            // Uploads are create-only, so a second version under a settled key means someone bypassed the URL.
            securityEvent("second object version under a settled key; deleting it", event);
            storage.deleteVersion(event.key(), event.versionId());
        }
        return Outcome.ALREADY_SETTLED;
    }

    private static void securityEvent(String what, ObjectCreated event) {
        LOG.warnf("SECURITY_EVENT upload: %s (bucket=%s key=%s version=%s)", what, LogText.sanitize(event.bucket()),
                LogText.sanitize(event.key()), LogText.sanitize(event.versionId()));
    }
}
