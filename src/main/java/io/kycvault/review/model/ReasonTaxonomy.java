package io.kycvault.review.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fixed list of reason codes a decision may carry, per kind of decision. */
public record ReasonTaxonomy(Map<VoteKind, Set<String>> codes) {

    public ReasonTaxonomy {
        codes = Map.copyOf(codes);
    }

    /** Returns the first code that is not allowed for the kind, or null when all are. */
    public String firstUnknown(VoteKind kind, List<String> reasonCodes) {
        Set<String> allowed = codes.getOrDefault(kind, Set.of());
        return reasonCodes.stream().filter(c -> !allowed.contains(c)).findFirst().orElse(null);
    }

    /** The codes a decision of the kind may carry, sorted: what a refusal names. */
    public List<String> allowed(VoteKind kind) {
        return codes.getOrDefault(kind, Set.of()).stream().sorted().toList();
    }
}
