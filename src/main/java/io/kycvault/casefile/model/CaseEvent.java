package io.kycvault.casefile.model;

import java.time.Instant;

/**
 * What a change of a case means beyond its new status, emitted by the model's transitions
 * ({@link KycCase#change}, {@link KycCase#endRelationship}) in {@link CaseChange#events()}. Capabilities
 * consume them through {@link io.kycvault.casefile.application.CaseEventPolicy}, in the same conditional
 * write as the change: there is no asynchronous delivery, so a change is never written without what its
 * events imply.
 */
public sealed interface CaseEvent {

    String caseId();

    Instant at();

    /** The second reviewer confirmed a rejection: the case is closed for good. */
    record CaseRejected(String caseId, Instant at) implements CaseEvent {
    }

    /**
     * The business relationship with the applicant ended at {@code at} (which may lie before the change
     * that records it, e.g. the end of an expired rating's grace period).
     */
    record RelationshipEnded(String caseId, Instant at, Why why) implements CaseEvent {

        /** What ended it (the {@code cause} the audit record names). */
        public enum Why {
            /** A final rejection. */
            REJECTED,
            /** Two compliance officers ended it. */
            OFFBOARDED,
            /** The rating expired and its grace period passed without a renewal. */
            EXPIRED_WITHOUT_RENEWAL,
            /** The applicant asked for erasure while the relationship was still running. */
            ERASURE_REQUESTED
        }
    }
}
