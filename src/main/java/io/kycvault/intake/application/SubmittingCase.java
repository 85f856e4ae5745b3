package io.kycvault.intake.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.application.OwnCase;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.DocumentType;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.RequiredDocumentsPolicy;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class SubmittingCase {

    private final CaseFiles caseFiles;
    private final CaseStore cases;
    private final RequiredDocumentsPolicy required;
    private final Clock clock;
    private final boolean walletRequired;

    public SubmittingCase(CaseFiles caseFiles, CaseStore cases, IntakeConfig config, Clock clock,
            @ConfigProperty(name = "kyc.registry.enabled", defaultValue = "true") boolean walletRequired) {
        this.caseFiles = caseFiles;
        this.cases = cases;
        this.required = RequiredDocumentsPolicy.parse(config.requiredDocuments());
        this.clock = clock;
        this.walletRequired = walletRequired;
    }

    public KycCase submit(Caller applicant, String caseId) {
        try {
            return ChangingCase.retrying(() -> trySubmit(applicant, caseId));
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
        }
    }

    /** One attempt on fresh reads (a lost race is run again: a scan result or a wallet may just have landed). */
    private KycCase trySubmit(Caller applicant, String caseId) {
        KycCase current = OwnCase.load(caseFiles, applicant.subject(), caseId);
        if (current.status().isUnderReview()) {
            return current;
        }
        if (current.status() != CaseStatus.DRAFT && current.status() != CaseStatus.RESUBMISSION_REQUESTED) {
            throw DomainException.conflict("CASE_NOT_OPEN", "the case is " + current.status() + " and cannot be submitted");
        }
        List<Document> documents = cases.documents(caseId);
        // Verified means reviewable: structurally verified and scanned clean, that exact version.
        Set<DocumentType> verified = documents.stream()
                .filter(Document::isReviewable)
                .map(Document::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DocumentType.class)));
        List<String> unmet = required.unmet(verified);
        if (!unmet.isEmpty()) {
            throw DomainException.conflict("DOCUMENTS_MISSING", "verified, malware-scanned documents missing for: " + String.join(", ", unmet));
        }
        if (current.status() == CaseStatus.RESUBMISSION_REQUESTED && current.resubmission() != null) {
            var asked = current.resubmission();
            List<String> stillMissing = asked.documents().stream()
                    .filter(t -> documents.stream().noneMatch(d -> d.type() == t && d.isReviewable()
                            && !d.presignedAt().isBefore(asked.requestedAt())))
                    .map(Enum::name).sorted().toList();
            if (!stillMissing.isEmpty()) {
                throw DomainException.conflict("DOCUMENTS_MISSING", "new verified, malware-scanned documents missing for: " + String.join(", ", stillMissing));
            }
        }
        if (walletRequired && current.wallets().isEmpty()) {
            throw DomainException.conflict("WALLET_MISSING", "prove control of at least one wallet before submitting");
        }
        Instant now = clock.instant();
        var transition = current.change(now, applicant.subject(), "CASE_SUBMITTED", CaseStatus.IN_REVIEW,
                Map.of("documents", documents.stream().filter(Document::isReviewable)
                        .map(Document::documentId).sorted().collect(Collectors.joining(","))));
        KycCase submitted = transition.after().withResubmission(null);
        caseFiles.record(transition.withAfter(submitted));
        return submitted;
    }
}
