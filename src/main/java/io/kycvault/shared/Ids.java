package io.kycvault.shared;

import java.util.UUID;
import java.util.regex.Pattern;

/** Server-made identifiers. Clients never choose a key or an id. */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** True for the lower-case random UUIDs this service issues; anything else is foreign input. */
    public static boolean isIssued(String candidate) {
        return candidate != null && UUID_TEXT.matcher(candidate).matches();
    }
}
