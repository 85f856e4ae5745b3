package io.kycvault.audit.application;

import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.model.KycCase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Records an access that changes nothing else (a read of personal data, a document link, an export)
 * at the head of the case's chain, re-reading and retrying when another writer got there first.
 */
@ApplicationScoped
public class AppendingAuditRecord {

    private final ChangingCase changing;
    private final Clock clock;

    public AppendingAuditRecord(ChangingCase changing, Clock clock) {
        this.changing = changing;
        this.clock = clock;
    }

    public void append(KycCase read, String actor, String action, Map<String, String> details) {
        changing.apply(read, current -> Optional.of(current.change(clock.instant(), actor, action, current.status(), details)));
    }
}
