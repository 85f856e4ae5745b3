package io.kycvault.audit.application;

import io.kycvault.audit.model.AuditRecord;
import io.kycvault.intake.model.CaseStatus;
import io.kycvault.intake.model.KycCase;
import java.time.Instant;
import java.util.Map;

/** Makes the record that follows a case's current audit head. */
public final class AuditTrail {

    private AuditTrail() {
    }

    public static AuditRecord next(KycCase current, Instant at, String actor, String action, CaseStatus to,
            Map<String, String> details) {
        String from = current == null || current.status() == null ? null : current.status().name();
        long sequence = current == null ? 1 : current.auditSequence() + 1;
        String previous = current == null || current.auditHead() == null ? AuditRecord.GENESIS : current.auditHead();
        String caseId = current.caseId();
        return AuditRecord.append(caseId, sequence, previous, at, actor, action, from, to == null ? null : to.name(), details);
    }

    /** The case as it is after the record was appended. */
    public static KycCase advance(KycCase current, AuditRecord record, CaseStatus status, Instant at) {
        if (current.status() != null && current.status() != status && !current.status().canMoveTo(status)) {
            throw new IllegalStateException("no transition " + current.status() + " -> " + status);
        }
        return new KycCase(current.caseId(), current.applicantId(), status, current.countryOfResidence(),
                current.createdAt(), at, current.presignsIssued(), current.personalDataVersion(),
                record.sequence(), record.hash(), current.resubmission(), current.wallets());
    }
}
