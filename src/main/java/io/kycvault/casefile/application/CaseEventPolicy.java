package io.kycvault.casefile.application;

import io.kycvault.casefile.model.CaseEvent;
import io.kycvault.casefile.model.CasePart;
import java.util.List;

/**
 * A capability's consumption of the case's events: the parts of the case item an event implies, written
 * by the kernel in the same conditional update as the change that emitted it. Implementations are CDI
 * beans, collected by {@link CaseParts}; they decide, the kernel writes.
 */
public interface CaseEventPolicy {

    /** The parts {@code event} implies for this capability; empty when it does not concern it. */
    List<CasePart> partsFor(CaseEvent event);
}
