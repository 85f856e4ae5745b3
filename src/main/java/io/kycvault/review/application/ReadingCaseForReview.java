package io.kycvault.review.application;

import io.kycvault.audit.application.AppendingAuditRecord;
import io.kycvault.identity.Caller;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.DocumentReadiness;
import io.kycvault.intake.application.PersonalDataCipher;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.MalwareGate;
import io.kycvault.intake.model.PersonalData;
import io.kycvault.review.model.Evidence;
import io.kycvault.review.model.ReviewFile;
import io.kycvault.review.model.Vote;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** A reviewer reads a case with its personal data; the read is an audit record before anything is shown. */
@ApplicationScoped
public class ReadingCaseForReview {

    public record CaseForReview(ReviewFile file, PersonalData personalData, List<Document> documents, String evidence,
            List<Vote> decisions, Map<String, MalwareGate.Readiness> readiness) {
    }

    private final ReviewStore store;
    private final CaseStore cases;
    private final PersonalDataCipher cipher;
    private final AppendingAuditRecord audit;
    private final DocumentReadiness readiness;

    public ReadingCaseForReview(ReviewStore store, CaseStore cases, PersonalDataCipher cipher, AppendingAuditRecord audit,
            DocumentReadiness readiness) {
        this.store = store;
        this.cases = cases;
        this.cipher = cipher;
        this.audit = audit;
        this.readiness = readiness;
    }

    public CaseForReview read(Caller reviewer, String caseId) {
        ReviewFile file = ReviewAccess.loadOpen(store, reviewer, caseId);
        var sealed = cases.personalData(caseId)
                .orElseThrow(() -> DomainException.conflict("PERSONAL_DATA_UNAVAILABLE", "no personal data is held for this case"));
        List<Document> documents = cases.documents(caseId);
        String evidence = Evidence.fingerprint(documents, file.kycCase().personalDataVersion());
        audit.append(file.kycCase(), reviewer.subject(), "PERSONAL_DATA_READ", Map.of("evidence", evidence));
        return new CaseForReview(file, cipher.open(caseId, sealed), documents, evidence, store.decisions(caseId),
                readiness.of(documents));
    }
}
