package io.kycvault.intake.application;

import io.kycvault.intake.model.PersonalData;
import io.kycvault.intake.model.SealedPersonalData;

/** Envelope encryption of personal data, bound to its case. */
public interface PersonalDataCipher {

    SealedPersonalData seal(String caseId, PersonalData data);

    PersonalData open(String caseId, SealedPersonalData sealed);
}
