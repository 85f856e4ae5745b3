package io.kycvault.intake.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;

/** Loads a case for its applicant; a case of someone else is refused the same way for every route. */
final class OwnCase {

    private OwnCase() {
    }

    static KycCase load(CaseFiles cases, Caller caller, String caseId) {
        if (!Ids.isIssued(caseId)) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        KycCase found = cases.find(caseId).orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "no such case"));
        if (!found.isOwnedBy(caller.subject())) {
            throw DomainException.forbidden("NOT_CASE_OWNER", "this case belongs to another applicant");
        }
        return found;
    }
}
