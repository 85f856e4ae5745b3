package io.kycvault.audit.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the table keeps instead of a wallet address or an on-chain investor ID: a keyed digest
 * (HMAC-SHA-256 in KMS) of the identifier's canonical form. Whoever knows an identifier and may use
 * the key can tell whether a record names it ("was wallet X proven in this case?"); whoever only
 * reads the table learns nothing, and a record that never held the raw value needs no rewrite when
 * the case is purged, so its hash chain still verifies. One message per kind, so a wallet and an
 * investor ID never share a digest.
 */
public final class IdentifierDigest {

    public enum Kind {
        WALLET("wallet", Pattern.compile("0x[0-9a-f]{40}")),
        INVESTOR_ID("investor-id", Pattern.compile("0x[0-9a-f]{64}"));

        private final String label;
        private final Pattern form;

        Kind(String label, Pattern form) {
            this.label = label;
            this.form = form;
        }
    }

    /** Versioned, so a later change of encoding can never make old and new digests collide. */
    private static final String DOMAIN = "kyc-vault identifier digest v1";

    private IdentifierDigest() {
    }

    /** The identifier as digested: lower-case hex with {@code 0x}, so any spelling (EIP-55 or not) digests alike. */
    public static String canonical(Kind kind, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!v.startsWith("0x")) {
            v = "0x" + v;
        }
        if (!kind.form.matcher(v).matches()) {
            throw new IllegalArgumentException("not a " + kind.label);
        }
        return v;
    }

    /** The bytes the key is applied to. */
    public static byte[] message(Kind kind, String value) {
        return (DOMAIN + "\n" + kind.label + "\n" + canonical(kind, value)).getBytes(StandardCharsets.UTF_8);
    }
}
