package io.kycvault.identity;

import java.util.Set;

/** The authenticated principal of a request, as the JWT authorizer vouched for it. */
public record Caller(String subject, Set<String> groups) {

    public static final String REVIEWER = "kyc-reviewer";
    public static final String COMPLIANCE = "kyc-compliance";

    public Caller {
        groups = Set.copyOf(groups);
    }

    public boolean isReviewer() {
        return groups.contains(REVIEWER);
    }

    public boolean isCompliance() {
        return groups.contains(COMPLIANCE);
    }
}
