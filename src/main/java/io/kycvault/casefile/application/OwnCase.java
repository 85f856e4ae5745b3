package io.kycvault.casefile.application;

import io.kycvault.casefile.model.KycCase;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;

/**
 * Loads a case for its applicant; a case of someone else is refused the same way for every applicant
 * route (intake's and the wallet routes alike).
 */
public final class OwnCase {

    private OwnCase() {
    }

    public static KycCase load(CaseFiles cases, String applicant, String caseId) {
        if (!Ids.isIssued(caseId)) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        KycCase found = cases.find(caseId).orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "no such case"));
        if (!found.isOwnedBy(applicant)) {
            throw DomainException.forbidden("NOT_CASE_OWNER", "this case belongs to another applicant");
        }
        return found;
    }
}
