package io.kycvault.intake.application;

import io.kycvault.identity.Caller;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.KycCase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ViewingOwnCase {

    public record CaseView(KycCase kycCase, List<Document> documents) {
    }

    private final CaseStore cases;

    public ViewingOwnCase(CaseStore cases) {
        this.cases = cases;
    }

    public CaseView view(Caller applicant, String caseId) {
        KycCase found = OwnCase.load(cases, applicant, caseId);
        return new CaseView(found, cases.documents(caseId));
    }
}
