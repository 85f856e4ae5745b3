package io.kycvault.intake.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.OwnCase;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.MalwareGate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ViewingOwnCase {

    /** The case, its documents and, per document id, whether a reviewer may open it and why not. */
    public record CaseView(KycCase kycCase, List<Document> documents, Map<String, MalwareGate.Readiness> readiness) {
    }

    private final CaseFiles caseFiles;
    private final CaseStore cases;
    private final DocumentReadiness readiness;

    public ViewingOwnCase(CaseFiles caseFiles, CaseStore cases, DocumentReadiness readiness) {
        this.caseFiles = caseFiles;
        this.cases = cases;
        this.readiness = readiness;
    }

    public CaseView view(Caller applicant, String caseId) {
        KycCase found = OwnCase.load(caseFiles, applicant.subject(), caseId);
        List<Document> documents = cases.documents(caseId);
        return new CaseView(found, documents, readiness.of(documents));
    }
}
