package io.kycvault.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                Arguments.of("Zoë", "O'Brien", "ab-1234", "ZOEOBRIEN01011970AB1234"),
                Arguments.of("Søren", "Kierkegaård", "X-99/1", "SORENKIERKEGAARD01011970X991"),
                Arguments.of("Jürgen", "Groß", "1 0 0 1", "JURGENGROSS010119701001"),
                Arguments.of("Łukasz", "Żółć", "1.001", "LUKASZZOLC010119701001"),
                Arguments.of("Ǆemal", "Ｄｏｅ", "１２３４", "DZEMALDOE010119701234"));
    }

    @ParameterizedTest
    @MethodSource("normalisation")
    void normalisesCaseSpacesDiacriticsAndPunctuation(String given, String family, String taxId, String expected) {
        assertThat(new InvestorIdentity(given, family, LocalDate.of(1970, 1, 1), taxId).sftString()).isEqualTo(expected);
    }

    @Test
    void dateOfBirthIsDayMonthYear() {
        assertThat(new InvestorIdentity("A", "B", LocalDate.of(2000, 2, 29), "1001").sftString()).isEqualTo("AB290220001001");
    }

    @Test
    void jurisdictionIsNumericCountryAndBytes3Region() {
        assertThat(Jurisdiction.of("DE", "DE-BE").country()).isEqualTo(276);
        assertThat(Jurisdiction.of("US", "US-AL").region()).isEqualTo(new byte[] {0x41, 0x4c, 0x00});
        assertThat(Jurisdiction.of("FR", "FR-IDF").region()).isEqualTo(new byte[] {'I', 'D', 'F'});
        assertThat(Jurisdiction.of("CH", "CH-ZH").country()).isEqualTo(756);
    }

    /** Identities that collided before: each gets its own keyed encoding. */
    @Test
    void theKeyedEncodingIsInjective() {
        LocalDate born = LocalDate.of(1970, 1, 1);
        var john = new InvestorIdentity("JOHN", "DOE", born, "1234567890");
        var jo = new InvestorIdentity("JO", "HNDOE", born, "1234567890");
        assertThat(john.sftString()).as("the SFT standard's own collision").isEqualTo(jo.sftString());
        assertThat(john.keyedEncoding(276)).isNotEqualTo(jo.keyedEncoding(276));
        assertThat(john.keyedEncoding(276)).isEqualTo("kyc-vault-investor-id/2|4:JOHN|3:DOE|8:01011970|10:1234567890|3:276");
        assertThat(john.keyedEncoding(276)).isNotEqualTo(john.keyedEncoding(250));
    }

    @Test
    void namesInOtherScriptsAreTransliteratedNotDropped() {
        LocalDate born = LocalDate.of(1980, 5, 17);
        var anna = new InvestorIdentity("\u0410\u043d\u043d\u0430", "\u041c\u0435\u0439\u0435\u0440", born, "DE12345678");
        var maria = new InvestorIdentity("\u039c\u03b1\u03c1\u03af\u03b1", "\u03a0\u03b1\u03c0\u03b1\u03b4\u03bf\u03c0\u03bf\u03cd\u03bb\u03bf\u03c5", born, "DE12345678");
        assertThat(anna.sftString()).startsWith("ANNAMEJER");
        assertThat(maria.sftString()).startsWith("MARIAPAPADOPOULOU");
        assertThat(anna.keyedEncoding(276)).isNotEqualTo(maria.keyedEncoding(276));
    }

    @Test
    void anIdentityThatNormalisesToNothingIsRefused() {
        LocalDate born = LocalDate.of(1980, 5, 17);
        assertThatThrownBy(() -> new InvestorIdentity("\u263a", "Doe", born, "DE12345678").sftString())
                .isInstanceOf(InvestorIdentity.UnidentifiableName.class);
        assertThatThrownBy(() -> new InvestorIdentity("Jane", "Doe", born, "----").keyedEncoding(276))
                .isInstanceOf(InvestorIdentity.UnidentifiableName.class);
    }
}
