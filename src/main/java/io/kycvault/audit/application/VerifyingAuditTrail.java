package io.kycvault.audit.application;

import io.kycvault.audit.model.AuditChain;
import io.kycvault.audit.model.AuditRecord;
import io.kycvault.identity.Caller;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Recomputes a case's hash chain for compliance, and sweeps every case for the daily check. */
@ApplicationScoped
public class VerifyingAuditTrail {

    public record CaseAudit(String caseId, List<AuditRecord> records, AuditChain.Verdict verdict) {
    }

    public record Sweep(int cases, int intact, List<CaseAudit> broken) {
    }

    private final CaseStore cases;

    public VerifyingAuditTrail(CaseStore cases) {
        this.cases = cases;
    }

    public CaseAudit verify(Caller caller, String caseId) {
        if (!caller.isCompliance()) {
            throw DomainException.forbidden("NOT_COMPLIANCE", "the audit trail is for compliance officers");
        }
        if (!Ids.isIssued(caseId)) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        return verify(caseId);
    }

    public Sweep sweep() {
        List<CaseAudit> broken = new ArrayList<>();
        List<String> ids = cases.allCaseIds();
        for (String caseId : ids) {
            CaseAudit audit = verify(caseId);
            if (!audit.verdict().intact()) {
                broken.add(audit);
            }
        }
        return new Sweep(ids.size(), ids.size() - broken.size(), broken);
    }

    private CaseAudit verify(String caseId) {
        var found = cases.find(caseId).orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "no such case"));
        List<AuditRecord> records = cases.auditTrail(caseId);
        return new CaseAudit(caseId, records, AuditChain.verify(records, found.auditHead(), found.auditSequence()));
    }
}
