package io.kycvault.registry.model;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The SFT data-standard identity string: legal name in capitals without spaces (given names, then
 * family name), date of birth as DDMMYYYY, tax ID. Normalisation rules:
 * <ul>
 * <li>names: Unicode NFKD, combining marks dropped (Müller → MULLER, José → JOSE), letters without a
 * decomposition transliterated (ß → SS, Ø → O, Æ → AE, Ł → L, Đ → D, Þ → TH), upper-cased in the
 * root locale, then everything but A–Z removed (spaces, hyphens, apostrophes, dots);</li>
 * <li>date of birth: DDMMYYYY;</li>
 * <li>tax ID: NFKD (full-width digits become digits), upper-cased, everything but A–Z and 0–9 removed
 * (spaces, dots, dashes, slashes).</li>
 * </ul>
 */
public record InvestorIdentity(String givenNames, String familyName, LocalDate dateOfBirth, String taxId) {

    private static final DateTimeFormatter DDMMYYYY = DateTimeFormatter.ofPattern("ddMMyyyy");
    private static final Map<String, String> TRANSLITERATION = Map.ofEntries(
            Map.entry("ß", "SS"), Map.entry("ẞ", "SS"), Map.entry("Ø", "O"), Map.entry("ø", "O"), Map.entry("Æ", "AE"),
            Map.entry("æ", "AE"), Map.entry("Œ", "OE"), Map.entry("œ", "OE"), Map.entry("Ł", "L"), Map.entry("ł", "L"),
            Map.entry("Đ", "D"), Map.entry("đ", "D"), Map.entry("Þ", "TH"), Map.entry("þ", "TH"), Map.entry("ı", "I"));

    /** E.g. {@code JOHNDOE010119701234567890}. */
    public String sftString() {
        return name(givenNames) + name(familyName) + dateOfBirth.format(DDMMYYYY) + taxId(taxId);
    }

    static String name(String raw) {
        String text = raw;
        for (var e : TRANSLITERATION.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return decomposed.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }

    static String taxId(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKD).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
