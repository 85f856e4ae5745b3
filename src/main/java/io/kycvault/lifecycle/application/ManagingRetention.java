package io.kycvault.lifecycle.application;

import io.kycvault.identity.Caller;
import io.kycvault.lifecycle.model.RetentionPolicy;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Compliance officers: legal holds, offboarding (the end of the business relationship), and the list of both. */
@ApplicationScoped
public class ManagingRetention {

    public record Pending(String caseId, String status, boolean processingRestricted, Instant erasureRequestedAt,
            String legalHold, Instant retentionEndsAt) {
    }

    private final LifecycleStore store;
    private final RunningLifecycle lifecycle;
    private final RetentionPolicy policy;
    private final Clock clock;

    public ManagingRetention(LifecycleStore store, RunningLifecycle lifecycle, LifecycleConfig config, Clock clock) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.policy = new RetentionPolicy(config.retention(), config.expiryGrace(), config.expiringWindow(), config.draftMaxAge());
        this.clock = clock;
    }

    public void placeHold(Caller officer, String caseId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw DomainException.invalid("INVALID_REASON", "a legal hold needs a reason of at most 200 characters");
        }
        change(officer, caseId, "LEGAL_HOLD_PLACED", Map.of("reason", reason),
                new LifecycleStore.Change(null, null, null, null, reason, false, null, null, false, false));
    }

    public void releaseHold(Caller officer, String caseId) {
        change(officer, caseId, "LEGAL_HOLD_RELEASED", Map.of(),
                new LifecycleStore.Change(null, null, null, null, null, true, null, null, false, false));
    }

    /** Ends the business relationship now: the retention clock starts. */
    public Instant offboard(Caller officer, String caseId) {
        Instant now = clock.instant();
        Instant retentionEnd = policy.retentionEndsAt(now);
        change(officer, caseId, "RELATIONSHIP_ENDED", Map.of("cause", "OFFBOARDED", "retentionEndsAt", retentionEnd.toString()),
                new LifecycleStore.Change(now, retentionEnd, null, true, null, false, null, null, true, false));
        return retentionEnd;
    }

    public List<Pending> pending(Caller officer) {
        requireCompliance(officer);
        return store.pendingErasuresAndHolds().stream().map(f -> new Pending(f.kycCase().caseId(), f.kycCase().status().name(),
                f.processingRestricted(), f.erasureRequestedAt(), f.legalHold(), f.retentionEndsAt())).toList();
    }

    private void change(Caller officer, String caseId, String action, Map<String, String> details, LifecycleStore.Change change) {
        requireCompliance(officer);
        if (!Ids.isIssued(caseId)) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            var file = store.load(caseId).orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "no such case"));
            if (file.purged()) {
                throw DomainException.conflict("CASE_ERASED", "the case's records were deleted under the retention policy");
            }
            var c = file.kycCase();
            if (c.isOwnedBy(officer.subject())) {
                // A hold, its release and the end of the relationship decide how long an applicant's
                // records live: never by the applicant, whatever groups they hold.
                throw DomainException.forbidden("OWN_CASE", "compliance officers do not act on their own case");
            }
            Instant now = clock.instant();
            var record = io.kycvault.audit.application.AuditTrail.next(c, now, officer.subject(), action, c.status(), details);
            try {
                store.change(file, io.kycvault.audit.application.AuditTrail.advance(c, record, c.status(), now), change, record);
                return;
            } catch (io.kycvault.intake.application.CaseStore.ConcurrentChange e) {
                // read again
            }
        }
        throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
    }

    private static void requireCompliance(Caller caller) {
        if (!caller.isCompliance()) {
            throw DomainException.forbidden("NOT_COMPLIANCE", "this route is for compliance officers");
        }
    }
}
