package io.kycvault.review.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The leases one reviewer holds, as read for a claim: the claim cap counts the live ones. A new claim
 * is written only if no other claim of the same reviewer was written since this reading
 * ({@code version}), so two claims racing each other cannot both take the last free place.
 */
public record ReviewerClaims(long version, Map<String, Instant> leases) {

    public ReviewerClaims {
        leases = Map.copyOf(leases);
    }

    /** How many cases other than {@code caseId} the reviewer holds a live lease on at {@code now}. */
    public int heldBesides(String caseId, Instant now) {
        return (int) leases.entrySet().stream().filter(e -> !e.getKey().equals(caseId) && e.getValue().isAfter(now)).count();
    }

    /** Cases whose lease ended before {@code now}: no longer counted, and removed with the next claim. */
    public List<String> ended(Instant now) {
        return leases.entrySet().stream().filter(e -> !e.getValue().isAfter(now)).map(Map.Entry::getKey).sorted().toList();
    }
}
