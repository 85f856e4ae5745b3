package io.kycvault.registry.model;

import com.neovisionaries.i18n.CountryCode;
import java.nio.charset.StandardCharsets;

/** Country and region as the registrar stores them: ISO 3166-1 numeric and the ISO 3166-2 part as bytes3. */
public record Jurisdiction(int country, byte[] region) {

    public static Jurisdiction of(String alpha2Country, String iso3166_2Region) {
        CountryCode code = CountryCode.getByAlpha2Code(alpha2Country);
        if (code == null || code.getNumeric() < 1 || code.getNumeric() > 999) {
            throw new IllegalArgumentException("no ISO 3166-1 numeric code for " + alpha2Country);
        }
        return new Jurisdiction(code.getNumeric(), region(iso3166_2Region));
    }

    /** {@code US-AL} → {@code 0x414c00}: the subdivision part, ASCII, right-padded to three bytes. */
    public static byte[] region(String iso3166_2) {
        String part = iso3166_2 == null ? "" : iso3166_2.substring(iso3166_2.indexOf('-') + 1);
        byte[] ascii = part.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > 3 || !part.matches("[A-Z0-9]*")) {
            throw new IllegalArgumentException("region part must be 1-3 ASCII letters or digits");
        }
        byte[] out = new byte[3];
        System.arraycopy(ascii, 0, out, 0, ascii.length);
        return out;
    }
}
