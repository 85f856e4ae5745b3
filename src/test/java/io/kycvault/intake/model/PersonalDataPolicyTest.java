package io.kycvault.intake.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.shared.FieldError;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PersonalDataPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    static PersonalData valid() {
        return new PersonalData("Anna Maria", "Müller", LocalDate.of(1985, 4, 12), "DE", "DE", "DE-BE",
                new PersonalData.Address("Unter den Linden 1", null, "10117", "Berlin"), "12345678901");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("missing family name", p -> with(p, null, p.dateOfBirth(), p.countryOfResidence(), p.region()), "familyName", "REQUIRED"),
                refusal("blank family name", p -> with(p, "   ", p.dateOfBirth(), p.countryOfResidence(), p.region()), "familyName", "REQUIRED"),
                refusal("control character", p -> with(p, "Mül\u0000ler", p.dateOfBirth(), p.countryOfResidence(), p.region()), "familyName", "INVALID_CHARACTERS"),
                refusal("bidi override", p -> with(p, "Mül\u202eler", p.dateOfBirth(), p.countryOfResidence(), p.region()), "familyName", "INVALID_CHARACTERS"),
                refusal("too long", p -> with(p, "M".repeat(101), p.dateOfBirth(), p.countryOfResidence(), p.region()), "familyName", "TOO_LONG"),
                refusal("born tomorrow", p -> with(p, p.familyName(), TODAY.plusDays(1), p.countryOfResidence(), p.region()), "dateOfBirth", "DATE_IN_FUTURE"),
                refusal("born 1899", p -> with(p, p.familyName(), LocalDate.of(1899, 12, 31), p.countryOfResidence(), p.region()), "dateOfBirth", "DATE_TOO_EARLY"),
                refusal("minor", p -> with(p, p.familyName(), TODAY.minusYears(18).plusDays(1), p.countryOfResidence(), p.region()), "dateOfBirth", "UNDERAGE"),
                refusal("unknown country", p -> with(p, p.familyName(), p.dateOfBirth(), "XX", p.region()), "countryOfResidence", "INVALID_COUNTRY"),
                refusal("lower-case country", p -> with(p, p.familyName(), p.dateOfBirth(), "de", p.region()), "countryOfResidence", "INVALID_COUNTRY"),
                refusal("malformed region", p -> with(p, p.familyName(), p.dateOfBirth(), p.countryOfResidence(), "Berlin"), "region", "INVALID_REGION"),
                refusal("region of another country", p -> with(p, p.familyName(), p.dateOfBirth(), p.countryOfResidence(), "US-AL"), "region", "REGION_NOT_IN_COUNTRY"),
                refusal("Cyrillic look-alike letter in a Latin name", p -> with(p, "M\u0435yer", p.dateOfBirth(), p.countryOfResidence(), p.region()), "familyName", "MIXED_SCRIPT"),
                refusal("Greek and Latin mixed", p -> with(p, "Pap\u03b1s", p.dateOfBirth(), p.countryOfResidence(), p.region()), "familyName", "MIXED_SCRIPT"),
                refusal("tax ID of dashes only", p -> withTaxId(p, "----"), "taxId", "INVALID_TAX_ID"),
                refusal("tax ID with three alphanumerics", p -> withTaxId(p, "1.2.3"), "taxId", "INVALID_TAX_ID"));
    }

    private static PersonalData withTaxId(PersonalData p, String taxId) {
        return new PersonalData(p.givenNames(), p.familyName(), p.dateOfBirth(), p.nationality(), p.countryOfResidence(), p.region(),
                p.address(), taxId);
    }

    @Test
    void acceptsNamesWrittenWhollyInOneScript() {
        for (String name : new String[] {"\u041c\u0435\u0439\u0435\u0440", "\u03a0\u03b1\u03c0\u03b1\u03b4\u03cc\u03c0\u03bf\u03c5\u03bb\u03bf\u03c2",
                "O'Brien-Smith", "\u5c71\u7530"}) {
            assertThat(PersonalDataPolicy.check(with(valid(), name, valid().dateOfBirth(), "DE", "DE-BE"), TODAY).errors())
                    .as(name).isEmpty();
        }
    }

    private static Arguments refusal(String name, UnaryOperator<PersonalData> change, String field, String code) {
        return Arguments.of(name, change, field, code);
    }

    private static PersonalData with(PersonalData p, String family, LocalDate birth, String residence, String region) {
        return new PersonalData(p.givenNames(), family, birth, p.nationality(), residence, region, p.address(), p.taxId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, UnaryOperator<PersonalData> change, String field, String code) {
        var result = PersonalDataPolicy.check(change.apply(valid()), TODAY);
        assertThat(result.errors()).contains(new FieldError(field, code));
    }

    @Test
    void acceptsAndNormalisesToNfc() {
        String decomposed = "Mu\u0308ller";
        var result = PersonalDataPolicy.check(with(valid(), "  " + decomposed + " ", valid().dateOfBirth(), "DE", "DE-BE"), TODAY);
        assertThat(result.isValid()).isTrue();
        assertThat(result.accepted().familyName()).isEqualTo("Müller");
    }

    @Test
    void acceptsEighteenthBirthdayAndLeapDay() {
        assertThat(PersonalDataPolicy.check(with(valid(), "X", TODAY.minusYears(18), "DE", "DE-BE"), TODAY).isValid()).isTrue();
        assertThat(PersonalDataPolicy.check(with(valid(), "X", LocalDate.of(2000, 2, 29), "DE", "DE-BE"), TODAY).isValid()).isTrue();
    }
}
