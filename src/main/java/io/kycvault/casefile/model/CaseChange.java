package io.kycvault.casefile.model;

import java.util.List;

/**
 * One change of a case: the case as read ({@code before}: the conditional write's expectation), the
 * case after the change, the audit record that goes with it in the same write, and what the change
 * means to other capabilities ({@code events}, consumed in that same write).
 */
public record CaseChange(KycCase before, KycCase after, AuditRecord record, List<CaseEvent> events) {

    public CaseChange {
        events = List.copyOf(events);
    }

    /** The same change with the case after it as {@code after} (a capability's own fields set on it). */
    public CaseChange withAfter(KycCase after) {
        return new CaseChange(before, after, record, events);
    }
}
