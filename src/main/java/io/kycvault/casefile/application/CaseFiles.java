package io.kycvault.casefile.application;

import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.ChainHead;
import io.kycvault.casefile.model.KycCase;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where cases live: the one port every capability reads a case and changes it through. Every change is
 * conditional on the case's audit sequence still being the one the caller read, and appends its audit
 * record in the same transaction, so a state change without its audit record (or two changes from one
 * reading) cannot happen. Capabilities that keep more on the case item (documents, leases, votes,
 * retention, registration) write it with their own parts in the same conditional update
 * ({@link io.kycvault.casefile.infrastructure.CaseItems#advance}); what a change's {@code CaseEvent}s imply
 * for other capabilities ({@link CaseEventPolicy}) is written in that update too ({@link #record}).
 */
public interface CaseFiles {

    /** Thrown when another writer changed the case since it was read; the caller may re-read and retry. */
    final class ConcurrentChange extends RuntimeException {
        public ConcurrentChange(String message) {
            super(message, null, false, false);
        }
    }

    Optional<KycCase> find(String caseId);

    /**
     * Writes the change: the case as {@code change.after()}, if it is still as {@code change.before()}, with its
     * audit record and the parts its events imply (every {@link CaseEventPolicy}), in one transaction. The only
     * write of the port, so no change reaches the table without what its events imply.
     */
    void record(CaseChange change);

    List<AuditRecord> auditTrail(String caseId);

    /** Every case id (from a sparse index of the case items), for the daily audit sweep. */
    List<String> allCaseIds();

    /** Every case's audit chain length and head (one pass over the case items, for the checkpoint). */
    Map<String, ChainHead> auditHeads();
}
