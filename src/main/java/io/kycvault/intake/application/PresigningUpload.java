package io.kycvault.intake.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.application.OwnCase;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.DocumentType;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.UploadPolicy;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Issues a presigned PUT for one new document slot. Costs one read and one transactional write to
 * DynamoDB and no KMS call: SSE-KMS is applied by S3 with the documents key the URL is bound to.
 */
@ApplicationScoped
public class PresigningUpload {

    public record Request(String docType, String contentType, long contentLength, String sha256) {
    }

    public record Issued(String documentId, DocumentStorage.PresignedUpload upload) {
    }

    private static final Duration MAX_TTL = Duration.ofMinutes(5);

    private final CaseFiles caseFiles;
    private final CaseStore cases;
    private final DocumentStorage storage;
    private final UploadPolicy policy;
    private final Duration ttl;
    private final Clock clock;

    public PresigningUpload(CaseFiles caseFiles, CaseStore cases, DocumentStorage storage, IntakeConfig config, Clock clock) {
        this.caseFiles = caseFiles;
        this.cases = cases;
        this.storage = storage;
        this.policy = new UploadPolicy(config.allowedContentTypes(), config.maxBytes(), config.maxPresignsPerCase());
        this.ttl = config.presignTtl().compareTo(MAX_TTL) > 0 ? MAX_TTL : config.presignTtl();
        this.clock = clock;
    }

    public Issued presign(Caller applicant, String caseId, Request request) {
        DocumentType type = parseType(request.docType());
        policy.check(request.contentType(), request.contentLength(), request.sha256());
        try {
            return ChangingCase.retrying(() -> issue(applicant, caseId, type, request));
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
        }
    }

    /** One attempt: read the case, check the slot is allowed, write it with the count; lost races throw. */
    private Issued issue(Caller applicant, String caseId, DocumentType type, Request request) {
        KycCase current = OwnCase.load(caseFiles, applicant.subject(), caseId);
        if (!current.status().acceptsUploads()) {
            throw DomainException.conflict("CASE_NOT_OPEN", "documents can only be added while the case is open for uploads");
        }
        if (current.status() == CaseStatus.RESUBMISSION_REQUESTED && current.resubmission() != null
                && !current.resubmission().documents().contains(type)) {
            throw DomainException.conflict("DOCUMENT_NOT_REQUESTED",
                    "the reviewer asked for " + current.resubmission().documents() + " only");
        }
        if (current.presignsIssued() >= policy.maxPresignsPerCase()) {
            throw new DomainException(DomainException.Kind.TOO_MANY, "TOO_MANY_UPLOADS",
                    "this case has used its " + policy.maxPresignsPerCase() + " upload URLs");
        }
        Instant now = clock.instant();
        String documentId = Ids.newId();
        Document slot = new Document(caseId, documentId, type, request.contentType(), request.contentLength(),
                request.sha256(), DocumentStatus.AWAITING_UPLOAD, null, null, now, null);
        var transition = current.change(now, applicant.subject(), "UPLOAD_URL_ISSUED", current.status(),
                Map.of("documentId", documentId, "docType", type.name(), "contentType", request.contentType(),
                        "contentLength", Long.toString(request.contentLength())));
        AuditRecord record = transition.record();
        KycCase advanced = transition.after();
        KycCase updated = advanced.withPresignsIssued(current.presignsIssued() + 1);
        cases.addDocument(current, updated, slot, record);
        return new Issued(documentId, storage.presignUpload(slot, ttl));
    }

    private static DocumentType parseType(String raw) {
        try {
            return DocumentType.valueOf(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.invalid("INVALID_DOC_TYPE", "docType must be one of " + java.util.Arrays.toString(DocumentType.values()));
        }
    }
}
