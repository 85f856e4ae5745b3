package io.kycvault.casefile.application;

import io.kycvault.casefile.model.CaseEvent;
import io.kycvault.casefile.model.CasePart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Every capability's {@link CaseEventPolicy}, asked for the parts a change's events imply. Every adapter
 * that writes a {@link io.kycvault.casefile.model.CaseChange} writes these parts with it
 * ({@link io.kycvault.casefile.infrastructure.CaseItems#advance(String, io.kycvault.casefile.model.CaseChange, List)}),
 * so an event and its consequences land in one transaction or not at all.
 */
@ApplicationScoped
public class CaseParts {

    private final Iterable<CaseEventPolicy> policies;

    @Inject
    public CaseParts(Instance<CaseEventPolicy> policies) {
        this.policies = policies;
    }

    /** The given consumers only (benchmarks and tests wiring the adapters by hand). */
    public CaseParts(List<CaseEventPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public List<CasePart> of(List<CaseEvent> events) {
        List<CasePart> parts = new ArrayList<>();
        for (CaseEvent event : events) {
            for (CaseEventPolicy policy : policies) {
                parts.addAll(policy.partsFor(event));
            }
        }
        return parts;
    }
}
