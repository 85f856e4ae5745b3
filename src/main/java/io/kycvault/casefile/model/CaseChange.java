package io.kycvault.casefile.model;

/**
 * One change of a case: the case as read ({@code before}: the conditional write's expectation), the
 * case after the change, and the audit record that goes with it in the same write.
 */
public record CaseChange(KycCase before, KycCase after, AuditRecord record) {
}
