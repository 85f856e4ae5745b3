package io.kycvault.intake.application;

import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.intake.model.PersonalData;
import io.kycvault.intake.model.PersonalDataPolicy;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.FieldError;
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

    /** Some personal data fields were refused; each field error names its stable code. */
    public static final class InvalidPersonalData extends DomainException {
        public InvalidPersonalData(List<FieldError> errors) {
            super(Kind.INVALID, "INVALID_PERSONAL_DATA", "some personal data fields were refused", errors);
        }

        public List<FieldError> errors() {
            return fieldErrors();
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
        var opened = KycCase.open(caseId, applicant.subject(), checked.accepted().countryOfResidence(), now,
                Map.of("personalDataVersion", "1"));
        cases.open(opened.after(), cipher.seal(caseId, checked.accepted()), opened.record());
        return opened.after();
    }
}
