package io.kycvault.casefile.model;

/**
 * One change of a case: the case as read ({@code before}: the conditional write's expectation), the
 * case after the change, and the audit record that goes with it in the same write.
 */
public record CaseChange(KycCase before, KycCase after, AuditRecord record) {

    /** The same change with more done to the case (e.g. a proven wallet added); chain and status stay. */
    public CaseChange with(java.util.function.UnaryOperator<KycCase> more) {
        KycCase changed = more.apply(after);
        if (changed.auditSequence() != after.auditSequence() || changed.status() != after.status()) {
            throw new IllegalStateException("a change's status and chain are set by KycCase.change");
        }
        return new CaseChange(before, changed, record);
    }
}
