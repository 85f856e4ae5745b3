package io.kycvault.shared;

/** Text from outside (object keys, threat names) made safe for one short log line. */
public final class LogText {

    private LogText() {
    }

    /** Printable ASCII only, at most 200 characters; {@code -} for none. */
    public static String sanitize(String value) {
        if (value == null) {
            return "-";
        }
        String cleaned = value.replaceAll("[^\\x20-\\x7e]", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }
}
