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
 * <li>names: letters without a decomposition transliterated (ß → SS, Ø → O, Æ → AE, Ł → L, Đ → D,
 * Þ → TH), other scripts transliterated to Latin with ICU ({@code Any-Latin; Latin-ASCII}: Анна → ANNA,
 * Μαρία → MARIA), Unicode NFKD with combining marks dropped (Müller → MULLER, José → JOSE),
 * upper-cased in the root locale, then everything but A–Z removed (spaces, hyphens, apostrophes,
 * dots). A name with nothing left is refused ({@link UnidentifiableName}): it must never collapse
 * to nothing and make two people one;</li>
 * <li>date of birth: DDMMYYYY;</li>
 * <li>tax ID: NFKD (full-width digits become digits), upper-cased, everything but A–Z and 0–9 removed
 * (spaces, dots, dashes, slashes).</li>
 * </ul>
 * The SFT string concatenates the fields without separators, as the data standard does, so
 * {@code JOHN}+{@code DOE} and {@code JO}+{@code HNDOE} give the same string: a collision of the
 * standard itself. The keyed scheme therefore hashes {@link #keyedEncoding}, a versioned,
 * length-prefixed encoding that is injective.
 */
public record InvestorIdentity(String givenNames, String familyName, LocalDate dateOfBirth, String taxId) {

    private static final DateTimeFormatter DDMMYYYY = DateTimeFormatter.ofPattern("ddMMyyyy");
    private static final Map<String, String> TRANSLITERATION = Map.ofEntries(
            Map.entry("ß", "SS"), Map.entry("ẞ", "SS"), Map.entry("Ø", "O"), Map.entry("ø", "O"), Map.entry("Æ", "AE"),
            Map.entry("æ", "AE"), Map.entry("Œ", "OE"), Map.entry("œ", "OE"), Map.entry("Ł", "L"), Map.entry("ł", "L"),
            Map.entry("Đ", "D"), Map.entry("đ", "D"), Map.entry("Þ", "TH"), Map.entry("þ", "TH"), Map.entry("ı", "I"));

    /** Transliterators are not safe to share between threads. */
    private static final ThreadLocal<com.ibm.icu.text.Transliterator> TO_LATIN =
            ThreadLocal.withInitial(() -> com.ibm.icu.text.Transliterator.getInstance("Any-Latin; Latin-ASCII"));

    /** A name or tax ID that normalises to nothing (or too little) cannot identify anybody. */
    public static final class UnidentifiableName extends IllegalArgumentException {
        public UnidentifiableName(String field) {
            super(field + " normalises to too little to identify a person");
        }
    }

    /** E.g. {@code JOHNDOE010119701234567890}. */
    public String sftString() {
        return name(givenNames, "givenNames") + name(familyName, "familyName") + dateOfBirth.format(DDMMYYYY)
                + taxId(taxId);
    }

    /**
     * What the keyed scheme hashes: a version, then each normalised field length-prefixed, then the
     * ISO numeric country, so no two different identities encode alike.
     */
    public String keyedEncoding(int country) {
        StringBuilder out = new StringBuilder("kyc-vault-investor-id/2");
        for (String field : new String[] {name(givenNames, "givenNames"), name(familyName, "familyName"),
                dateOfBirth.format(DDMMYYYY), taxId(taxId), Integer.toString(country)}) {
            out.append('|').append(field.length()).append(':').append(field);
        }
        return out.toString();
    }

    /** Birth date, tax ID and country only: the same person under another spelling of the name shares it. */
    public String partialEncoding(int country) {
        String tax = taxId(taxId);
        return "kyc-vault-partial-identity/1|" + dateOfBirth.format(DDMMYYYY) + "|" + tax.length() + ":" + tax + "|" + country;
    }

    static String name(String raw, String field) {
        String text = raw;
        for (var e : TRANSLITERATION.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        text = TO_LATIN.get().transliterate(text);
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String name = decomposed.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        if (name.isEmpty()) {
            throw new UnidentifiableName(field);
        }
        return name;
    }

    static String taxId(String raw) {
        String id = Normalizer.normalize(raw, Normalizer.Form.NFKD).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (id.length() < MIN_TAX_ID) {
            throw new UnidentifiableName("taxId");
        }
        return id;
    }

    /** Alphanumerics a tax ID needs to identify anybody (the shortest EU tax IDs have 8 or more). */
    public static final int MIN_TAX_ID = 4;
}
