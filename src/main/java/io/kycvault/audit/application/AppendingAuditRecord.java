package io.kycvault.audit.application;

import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.model.KycCase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Records an access that changes nothing else (a read of personal data, a document link, an export)
 * at the head of the case's chain, re-reading and retrying when another writer got there first.
 */
@ApplicationScoped
public class AppendingAuditRecord {

    private static final int ATTEMPTS = 8;

    private final CaseStore cases;
    private final Clock clock;

    public AppendingAuditRecord(CaseStore cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    public void append(KycCase read, String actor, String action, Map<String, String> details) {
        KycCase current = read;
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            var record = AuditTrail.next(current, now, actor, action, current.status(), details);
            try {
                cases.changeStatus(current, AuditTrail.advance(current, record, current.status(), now), record);
                return;
            } catch (CaseStore.ConcurrentChange e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                current = cases.find(read.caseId()).orElseThrow();
            }
        }
    }
}
