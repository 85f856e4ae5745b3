package io.kycvault.review.application;

import io.kycvault.audit.application.AppendingAuditRecord;
import io.kycvault.identity.Caller;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.DocumentStorage;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.application.DocumentReadiness;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * A short-lived download link to one document version that is structurally verified and scanned
 * clean (the malware gate, enforced here by the application and again by the bucket policy, which
 * denies reads of objects not tagged {@code GuardDutyMalwareScanStatus=NO_THREATS_FOUND}), recorded
 * in the audit trail first.
 */
@ApplicationScoped
public class IssuingDocumentLink {

    private static final Duration MAX_TTL = Duration.ofSeconds(60);

    private final ReviewStore store;
    private final CaseStore cases;
    private final DocumentStorage storage;
    private final AppendingAuditRecord audit;
    private final Duration ttl;
    private final DocumentReadiness readiness;

    public IssuingDocumentLink(ReviewStore store, CaseStore cases, DocumentStorage storage, AppendingAuditRecord audit,
            ReviewConfig config, DocumentReadiness readiness) {
        this.store = store;
        this.cases = cases;
        this.storage = storage;
        this.audit = audit;
        this.readiness = readiness;
        this.ttl = config.documentLinkTtl().compareTo(MAX_TTL) > 0 ? MAX_TTL : config.documentLinkTtl();
    }

    public DocumentStorage.DownloadLink issue(Caller reviewer, String caseId, String documentId) {
        var file = ReviewAccess.loadOpen(store, reviewer, caseId);
        if (!Ids.isIssued(documentId)) {
            throw DomainException.notFound("DOCUMENT_NOT_FOUND", "no such document");
        }
        Document document = cases.findWithDocument(caseId, documentId).flatMap(CaseStore.CaseWithDocument::document)
                .orElseThrow(() -> DomainException.notFound("DOCUMENT_NOT_FOUND", "no such document"));
        if (!document.isReviewable()) {
            var why = readiness.of(document);
            throw switch (document.status()) {
                case QUARANTINED -> DomainException.conflict("DOCUMENT_QUARANTINED",
                        "the malware scan found a threat in this document; it is quarantined and only compliance may read it");
                case AWAITING_SCAN, VERIFIED -> DomainException.conflict("DOCUMENT_NOT_SCANNED",
                        "this version has no clean malware scan result (" + why.code() + "): " + why.message());
                default -> DomainException.conflict("DOCUMENT_NOT_VERIFIED", "only verified documents can be viewed");
            };
        }
        audit.append(file.kycCase(), reviewer.subject(), "DOCUMENT_LINK_ISSUED",
                Map.of("documentId", documentId, "versionId", String.valueOf(document.versionId()), "ttlSeconds",
                        Long.toString(ttl.toSeconds())));
        String extension = switch (document.contentType()) {
            case "application/pdf" -> "pdf";
            case "image/jpeg" -> "jpg";
            default -> "png";
        };
        return storage.presignDownload(document.objectKey(), document.versionId(), document.contentType(),
                document.type().name().toLowerCase() + "-" + documentId.substring(0, 8) + "." + extension, ttl);
    }
}
