package io.kycvault.review.application;

import io.kycvault.audit.application.AppendingAuditRecord;
import io.kycvault.identity.Caller;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.DocumentStorage;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/** A short-lived download link to one verified document version, recorded in the audit trail first. */
@ApplicationScoped
public class IssuingDocumentLink {

    private static final Duration MAX_TTL = Duration.ofSeconds(60);

    private final ReviewStore store;
    private final CaseStore cases;
    private final DocumentStorage storage;
    private final AppendingAuditRecord audit;
    private final Duration ttl;

    public IssuingDocumentLink(ReviewStore store, CaseStore cases, DocumentStorage storage, AppendingAuditRecord audit,
            ReviewConfig config) {
        this.store = store;
        this.cases = cases;
        this.storage = storage;
        this.audit = audit;
        this.ttl = config.documentLinkTtl().compareTo(MAX_TTL) > 0 ? MAX_TTL : config.documentLinkTtl();
    }

    public DocumentStorage.DownloadLink issue(Caller reviewer, String caseId, String documentId) {
        var file = ReviewAccess.loadOpen(store, reviewer, caseId);
        if (!Ids.isIssued(documentId)) {
            throw DomainException.notFound("DOCUMENT_NOT_FOUND", "no such document");
        }
        Document document = cases.findWithDocument(caseId, documentId).flatMap(CaseStore.CaseWithDocument::document)
                .orElseThrow(() -> DomainException.notFound("DOCUMENT_NOT_FOUND", "no such document"));
        if (document.status() != DocumentStatus.VERIFIED) {
            throw DomainException.conflict("DOCUMENT_NOT_VERIFIED", "only verified documents can be viewed");
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
