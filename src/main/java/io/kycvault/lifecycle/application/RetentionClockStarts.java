package io.kycvault.lifecycle.application;

import io.kycvault.casefile.application.CaseEventPolicy;
import io.kycvault.casefile.model.CaseEvent;
import io.kycvault.casefile.model.CasePart;
import io.kycvault.casefile.model.RetentionPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * When the retention clock starts: when the business relationship ends ({@link CaseEvent.RelationshipEnded},
 * whatever ended it — a final rejection, an offboarding, an expired rating without renewal, an erasure
 * request). Its part of the case item ({@link RetentionPolicy.RetentionClock}: the end, the retention end
 * and the retention index the purge reads) is written by the kernel in the same transaction as the change
 * that ended the relationship, so no case has ended its relationship without a running clock.
 */
@ApplicationScoped
public class RetentionClockStarts implements CaseEventPolicy {

    private final RetentionPolicy policy;

    public RetentionClockStarts(RetentionPolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<CasePart> partsFor(CaseEvent event) {
        return event instanceof CaseEvent.RelationshipEnded ended ? List.of(clock(ended.at())) : List.of();
    }

    /** The clock of a relationship that ends at {@code endedAt} (also what the ending's audit record names). */
    public RetentionPolicy.RetentionClock clock(Instant endedAt) {
        return policy.relationshipEnded(endedAt);
    }
}
