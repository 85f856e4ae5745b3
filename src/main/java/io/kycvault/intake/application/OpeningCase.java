package io.kycvault.intake.application;

import io.kycvault.audit.application.AuditTrail;
import io.kycvault.audit.model.AuditRecord;
import io.kycvault.identity.Caller;
import io.kycvault.intake.model.CaseStatus;
import io.kycvault.intake.model.FieldError;
import io.kycvault.intake.model.KycCase;
import io.kycvault.intake.model.PersonalData;
import io.kycvault.intake.model.PersonalDataPolicy;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class OpeningCase {

    /** Refusal of personal data, field by field. */
    public static final class InvalidPersonalData extends RuntimeException {
        private final List<FieldError> errors;

        public InvalidPersonalData(List<FieldError> errors) {
            super("personal data refused", null, false, false);
            this.errors = errors;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    private final CaseStore cases;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    public OpeningCase(CaseStore cases, PersonalDataCipher cipher, Clock clock) {
        this.cases = cases;
        this.cipher = cipher;
        this.clock = clock;
    }

    public KycCase open(Caller applicant, PersonalData submitted) {
        Instant now = clock.instant();
        var checked = PersonalDataPolicy.check(submitted, LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (!checked.isValid()) {
            throw new InvalidPersonalData(checked.errors());
        }
        String caseId = Ids.newId();
        var blank = new KycCase(caseId, applicant.subject(), null, checked.accepted().countryOfResidence(), now, now,
                0, 1, 0, AuditRecord.GENESIS, null, List.of());
        AuditRecord opened = AuditTrail.next(blank, now, applicant.subject(), "CASE_OPENED", CaseStatus.DRAFT,
                Map.of("personalDataVersion", "1"));
        KycCase created = AuditTrail.advance(blank, opened, CaseStatus.DRAFT, now);
        cases.open(created, cipher.seal(caseId, checked.accepted()), opened);
        return created;
    }
}
