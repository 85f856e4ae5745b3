package io.kycvault.identity;

import io.kycvault.shared.DomainException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the claims that API Gateway's JWT authorizer places in the request context. The authorizer
 * (or, locally, the local gateway) has already checked signature, issuer, audience and expiry; this
 * class only turns the claim strings into a {@link Caller} and refuses what is malformed.
 *
 * <p>API Gateway HTTP APIs flatten array claims into a string such as {@code [kyc-reviewer kyc-compliance]};
 * the local gateway produces the same shape so there is one code path.
 */
public final class ClaimsReader {

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern GROUP = Pattern.compile("[a-z0-9-]{1,64}");
    private static final String GROUPS_CLAIM = "cognito:groups";

    private ClaimsReader() {
    }

    public static Caller read(Map<String, String> claims) {
        if (claims == null) {
            throw unauthenticated("no verified claims on the request");
        }
        String subject = claims.get("sub");
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw unauthenticated("the token subject is missing or malformed");
        }
        return new Caller(subject, groups(claims.get(GROUPS_CLAIM)));
    }

    static Set<String> groups(String raw) {
        Set<String> groups = new LinkedHashSet<>();
        if (raw == null || raw.isBlank()) {
            return groups;
        }
        String trimmed = raw.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        Arrays.stream(trimmed.split("[\\s,]+"))
                .map(g -> g.replace("\"", ""))
                .filter(g -> !g.isEmpty())
                .forEach(g -> {
                    if (!GROUP.matcher(g).matches()) {
                        throw unauthenticated("the token carries a malformed group");
                    }
                    groups.add(g);
                });
        return groups;
    }

    private static DomainException unauthenticated(String message) {
        return new DomainException(DomainException.Kind.UNAUTHENTICATED, "UNAUTHENTICATED", message);
    }
}
