package io.kycvault.intake.model;

import io.kycvault.shared.FieldError;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for personal data: names and addresses are normalised to Unicode NFC and bounded in
 * length, control and format characters are refused, dates must be real and in the past, countries
 * are ISO 3166-1 alpha-2 codes and the region an ISO 3166-2 code of the country of residence.
 */
public final class PersonalDataPolicy {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern REGION = Pattern.compile("([A-Z]{2})-[A-Z0-9]{1,3}");
    private static final Pattern TAX_ID = Pattern.compile("[A-Za-z0-9 ./-]{4,32}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9 -]{2,12}");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final int MINIMUM_AGE = 18;

    private PersonalDataPolicy() {
    }

    /** Returns the NFC-normalised data, or the list of refusals. */
    public static Result check(PersonalData in, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        String given = singleScript(text(in.givenNames(), "givenNames", 1, 100, errors), "givenNames", errors);
        String family = singleScript(text(in.familyName(), "familyName", 1, 100, errors), "familyName", errors);
        LocalDate birth = in.dateOfBirth();
        if (birth == null) {
            errors.add(new FieldError("dateOfBirth", "REQUIRED"));
        } else if (birth.isAfter(today)) {
            errors.add(new FieldError("dateOfBirth", "DATE_IN_FUTURE"));
        } else if (birth.isBefore(EARLIEST_BIRTH)) {
            errors.add(new FieldError("dateOfBirth", "DATE_TOO_EARLY"));
        } else if (Period.between(birth, today).getYears() < MINIMUM_AGE) {
            errors.add(new FieldError("dateOfBirth", "UNDERAGE"));
        }
        String nationality = country(in.nationality(), "nationality", errors);
        String residence = country(in.countryOfResidence(), "countryOfResidence", errors);
        String region = in.region();
        if (region == null) {
            errors.add(new FieldError("region", "REQUIRED"));
        } else {
            var m = REGION.matcher(region);
            if (!m.matches()) {
                errors.add(new FieldError("region", "INVALID_REGION"));
            } else if (residence != null && !m.group(1).equals(residence)) {
                errors.add(new FieldError("region", "REGION_NOT_IN_COUNTRY"));
            }
        }
        PersonalData.Address address = null;
        if (in.address() == null) {
            errors.add(new FieldError("address", "REQUIRED"));
        } else {
            var a = in.address();
            String line1 = text(a.line1(), "address.line1", 1, 120, errors);
            String line2 = a.line2() == null ? null : text(a.line2(), "address.line2", 0, 120, errors);
            String postal = pattern(a.postalCode(), "address.postalCode", POSTAL_CODE, "INVALID_POSTAL_CODE", errors);
            String city = text(a.city(), "address.city", 1, 80, errors);
            address = new PersonalData.Address(line1, line2, postal, city);
        }
        String taxId = pattern(in.taxId(), "taxId", TAX_ID, "INVALID_TAX_ID", errors);
        if (taxId != null && taxId.chars().filter(Character::isLetterOrDigit).count() < 4) {
            // "----" or "1.2" would identify nobody, and would make every such applicant one investor.
            errors.add(new FieldError("taxId", "INVALID_TAX_ID"));
            taxId = null;
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        return new Result(new PersonalData(given, family, birth, nationality, residence, region, address, taxId), List.of());
    }

    public record Result(PersonalData accepted, List<FieldError> errors) {
        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    private static String text(String raw, String field, int min, int max, List<FieldError> errors) {
        if (raw == null) {
            errors.add(new FieldError(field, "REQUIRED"));
            return null;
        }
        String nfc = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (nfc.codePoints().anyMatch(PersonalDataPolicy::isForbidden)) {
            errors.add(new FieldError(field, "INVALID_CHARACTERS"));
            return null;
        }
        int length = nfc.codePointCount(0, nfc.length());
        if (length < min) {
            errors.add(new FieldError(field, "REQUIRED"));
            return null;
        }
        if (length > max) {
            errors.add(new FieldError(field, "TOO_LONG"));
            return null;
        }
        return nfc;
    }

    /**
     * A name in one script (Latin, Greek, Cyrillic, or the usual CJK combinations), per Unicode TR39's
     * "highly restrictive" level: a look-alike spelling that mixes scripts (a Cyrillic А in "Anna")
     * would otherwise pass as a different person and get a second investor ID.
     */
    private static String singleScript(String name, String field, List<FieldError> errors) {
        if (name == null) {
            return null;
        }
        if (SPOOF.get().failsChecks(name)) {
            errors.add(new FieldError(field, "MIXED_SCRIPT"));
            return null;
        }
        return name;
    }

    private static final ThreadLocal<com.ibm.icu.text.SpoofChecker> SPOOF = ThreadLocal.withInitial(() ->
            new com.ibm.icu.text.SpoofChecker.Builder()
                    .setRestrictionLevel(com.ibm.icu.text.SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
                    .setChecks(com.ibm.icu.text.SpoofChecker.RESTRICTION_LEVEL | com.ibm.icu.text.SpoofChecker.MIXED_NUMBERS)
                    .build());

    private static boolean isForbidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    private static String country(String raw, String field, List<FieldError> errors) {
        if (raw == null) {
            errors.add(new FieldError(field, "REQUIRED"));
            return null;
        }
        if (!COUNTRIES.contains(raw)) {
            errors.add(new FieldError(field, "INVALID_COUNTRY"));
            return null;
        }
        return raw;
    }

    private static String pattern(String raw, String field, Pattern pattern, String code, List<FieldError> errors) {
        if (raw == null) {
            errors.add(new FieldError(field, "REQUIRED"));
            return null;
        }
        String value = raw.strip();
        if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, code));
            return null;
        }
        return value;
    }
}
