package io.kycvault.intake.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.MalwareGate;
import io.kycvault.intake.model.MalwareScan;
import io.kycvault.intake.model.ScanResult;
import io.kycvault.shared.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies a malware scan result (GuardDuty Malware Protection for S3, through EventBridge) to the
 * document whose object version it is about ({@link MalwareGate}). EventBridge delivers at least
 * once and in any order, so this is idempotent: a result that changes nothing writes nothing, and
 * every change is one transaction conditional on the document and the case as read. A threat
 * quarantines the document (the bucket policy already keeps everyone but the quarantine reader from
 * the object, whose scan tag is not {@code NO_THREATS_FOUND}) and is a {@code SECURITY_EVENT}.
 */
@ApplicationScoped
public class ApplyingScanResult {

    public enum Outcome { APPLIED, UNCHANGED, IGNORED }

    /** One scan result, as the scanner reported it. */
    public record ScanReport(String bucket, String key, String versionId, ScanResult result, String threat, Instant scannedAt) {
    }

    private static final Logger LOG = Logger.getLogger(ApplyingScanResult.class);

    private final CaseStore cases;
    private final DocumentStorage storage;
    private final IntakeConfig config;
    private final Clock clock;

    public ApplyingScanResult(CaseStore cases, DocumentStorage storage, IntakeConfig config, Clock clock) {
        this.cases = cases;
        this.storage = storage;
        this.config = config;
        this.clock = clock;
    }

    public Outcome apply(ScanReport report) {
        if (!config.bucket().equals(report.bucket())) {
            securityEvent("scan result for a foreign bucket", report);
            return Outcome.IGNORED;
        }
        var key = Document.ofObjectKey(report.key());
        if (key.isEmpty() || report.versionId() == null) {
            securityEvent("scan result for an object outside the upload pattern, or without a version", report);
            return Outcome.IGNORED;
        }
        String caseId = key.get().caseId();
        String documentId = key.get().documentId();
        MalwareScan scan = new MalwareScan(report.versionId(), report.result(), report.threat(), report.scannedAt());
        return ChangingCase.retrying(() -> {
            var found = cases.findWithDocument(caseId, documentId);
            if (found.isEmpty() || found.get().document().isEmpty()) {
                if (report.result() == ScanResult.THREATS_FOUND) {
                    securityEvent("malware in an object without an issued upload slot", report);
                } else {
                    LOG.infof("scan result for %s: no such document (purged, or never issued)", LogText.sanitize(report.key()));
                }
                return Outcome.IGNORED;
            }
            KycCase current = found.get().kycCase();
            Document before = found.get().document().get();
            Optional<Document> next = MalwareGate.apply(before, scan);
            if (next.isEmpty()) {
                if (report.result() == ScanResult.THREATS_FOUND && !scan.isAbout(before.versionId())) {
                    securityEvent("malware in another version than the document's (" + LogText.sanitize(before.versionId()) + ")", report);
                }
                LOG.debugf("scan result %s for document %s version %s changes nothing", report.result(), documentId,
                        LogText.sanitize(report.versionId()));
                return Outcome.UNCHANGED;
            }
            Document after = next.get();
            if (after.status() == DocumentStatus.VERIFIED && before.status() != DocumentStatus.VERIFIED) {
                // Evidence from now on: locked before it is recorded (see VerifyingUpload).
                storage.protect(after.objectKey(), after.versionId(), clock.instant());
            }
            if (MalwareGate.disposable(after)) {
                // Deleted before the write, so a retry after a crash deletes again (idempotent) rather than never.
                storage.deleteVersion(after.objectKey(), after.versionId());
            }
            Instant now = clock.instant();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("documentId", documentId);
            details.put("versionId", report.versionId());
            details.put("scanResult", report.result().name());
            details.put("documentStatus", after.status().name());
            if (report.threat() != null) {
                details.put("threat", LogText.sanitize(report.threat()));
            }
            boolean quarantined = after.status() == DocumentStatus.QUARANTINED && before.status() != DocumentStatus.QUARANTINED;
            var transition = current.change(now, "system:malware-scan", quarantined ? "DOCUMENT_QUARANTINED" : "SCAN_RESULT_RECORDED", current.status(),
                    details);
            AuditRecord record = transition.record();
            KycCase advanced = transition.after();
            if (!cases.recordScan(current, advanced, before, after, record)) {
                // The document changed meanwhile (settled, or another result recorded): read it again.
                throw new CaseFiles.ConcurrentChange("document " + documentId + " changed meanwhile");
            }
            if (quarantined) {
                LOG.warnf("SECURITY_EVENT malware: document %s of case %s quarantined: the scan of version %s found %s",
                        documentId, caseId, LogText.sanitize(report.versionId()), LogText.sanitize(report.threat()));
            } else {
                LOG.infof("document %s of case %s: scan %s, now %s", documentId, caseId, report.result(), after.status());
            }
            return Outcome.APPLIED;
        });
    }

    private static void securityEvent(String what, ScanReport report) {
        LOG.warnf("SECURITY_EVENT malware scan: %s (bucket=%s key=%s version=%s result=%s threat=%s)", what, LogText.sanitize(report.bucket()),
                LogText.sanitize(report.key()), LogText.sanitize(report.versionId()), report.result(), LogText.sanitize(report.threat()));
    }
}
