package io.kycvault.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.registry.infrastructure.InvestorIdMinters;
import io.kycvault.registry.model.InvestorIdentity;
import io.kycvault.registry.model.Jurisdiction;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.utils.Numeric;

class InvestorIdTest {

    @Test
    void sftSchemeMatchesTheDataStandardTestVector() {
        var john = new InvestorIdentity("John", "Doe", LocalDate.of(1970, 1, 1), "1234567890");
        assertThat(john.sftString()).isEqualTo("JOHNDOE010119701234567890");
        assertThat(Numeric.toHexString(InvestorIdMinters.sft().mint(john, 840)))
                .isEqualTo("0xd3e7532ecb2c15babc9a5ac8e65f9d96b7030ab7e5dc9fffaa00ac15c0937be4");
    }

    static Stream<Arguments> normalisation() {
        return Stream.of(
                Arguments.of("john", "doe", "1234567890", "JOHNDOE010119701234567890"),
                Arguments.of("  John  Paul ", "Doe-Smith", "123 456 7890", "JOHNPAULDOESMITH010119701234567890"),
                Arguments.of("José", "Müller", "12.345/678-90", "JOSEMULLER010119701234567890"),
                Arguments.of("Zoë", "O'Brien", "ab-12", "ZOEOBRIEN01011970AB12"),
                Arguments.of("Søren", "Kierkegaård", "X", "SORENKIERKEGAARD01011970X"),
                Arguments.of("Jürgen", "Groß", "1", "JURGENGROSS010119701"),
                Arguments.of("Łukasz", "Żółć", "1", "LUKASZZOLC010119701"),
                Arguments.of("Ǆemal", "Ｄｏｅ", "１２", "DZEMALDOE0101197012"));
    }

    @ParameterizedTest
    @MethodSource("normalisation")
    void normalisesCaseSpacesDiacriticsAndPunctuation(String given, String family, String taxId, String expected) {
        assertThat(new InvestorIdentity(given, family, LocalDate.of(1970, 1, 1), taxId).sftString()).isEqualTo(expected);
    }

    @Test
    void dateOfBirthIsDayMonthYear() {
        assertThat(new InvestorIdentity("A", "B", LocalDate.of(2000, 2, 29), "1").sftString()).isEqualTo("AB290220001");
    }

    @Test
    void jurisdictionIsNumericCountryAndBytes3Region() {
        assertThat(Jurisdiction.of("DE", "DE-BE").country()).isEqualTo(276);
        assertThat(Jurisdiction.of("US", "US-AL").region()).isEqualTo(new byte[] {0x41, 0x4c, 0x00});
        assertThat(Jurisdiction.of("FR", "FR-IDF").region()).isEqualTo(new byte[] {'I', 'D', 'F'});
        assertThat(Jurisdiction.of("CH", "CH-ZH").country()).isEqualTo(756);
    }
}
