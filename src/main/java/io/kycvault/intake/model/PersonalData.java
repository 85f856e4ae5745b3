package io.kycvault.intake.model;

import java.time.LocalDate;

/** What the applicant tells us about themselves. Only ever stored sealed. */
public record PersonalData(
        String givenNames,
        String familyName,
        LocalDate dateOfBirth,
        String nationality,
        String countryOfResidence,
        String region,
        Address address,
        String taxId) {

    public record Address(String line1, String line2, String postalCode, String city) {
    }
}
