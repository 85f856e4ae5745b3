package io.kycvault.lifecycle.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.CaseEvent;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.casefile.model.RetentionPolicy;
import io.kycvault.intake.application.DocumentStorage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The daily job: ratings about to expire (event, EXPIRING), expired ratings (EXPIRED), the end of
 * the business relationship after the grace period, purging at the end of retention (legal holds
 * block it), and abandoned drafts. Safe to run twice at once (a lease, and every step a conditional
 * write on the case) and to kill at any point (every step is idempotent; the next run continues).
 */
@ApplicationScoped
public class RunningLifecycle {

    public record Report(boolean ran, int expiring, int expired, int relationshipsEnded, int purged, int draftsRemoved,
            int held, int eventsPublished, int superseded, boolean complete) {
    }

    private static final Logger LOG = Logger.getLogger(RunningLifecycle.class);
    /** Who the job's audit records name. */
    static final String ACTOR = "system:lifecycle";

    private final LifecycleStore store;
    private final DocumentStorage storage;
    private final DomainEvents events;
    private final RetentionPolicy policy;
    private final LifecycleConfig config;
    private final RetentionClockStarts clockStarts;
    private final Clock clock;

    public RunningLifecycle(LifecycleStore store, DocumentStorage storage, DomainEvents events,
            LifecycleConfig config, Clock clock, RetentionPolicy policy, RetentionClockStarts clockStarts) {
        this.store = store;
        this.storage = storage;
        this.events = events;
        this.config = config;
        this.policy = policy;
        this.clockStarts = clockStarts;
        this.clock = clock;
    }

    private final class Run {
        final int budget;
        int actions;
        int expiring;
        int expired;
        int ended;
        int purged;
        int drafts;
        int held;
        int published;
        int superseded;

        Run(int budget) {
            this.budget = budget;
        }

        boolean exhausted() {
            return actions >= budget;
        }
    }

    public Report run() {
        return run(Integer.MAX_VALUE);
    }

    /** Runs at most {@code budget} actions (a run killed halfway is a run with a small budget). */
    public Report run(int budget) {
        Instant now = clock.instant();
        String holder = UUID.randomUUID().toString();
        if (!store.acquireLease(holder, now, now.plus(config.leaseDuration()))) {
            LOG.info("lifecycle run skipped: another run holds the lease");
            return new Report(false, 0, 0, 0, 0, 0, 0, 0, 0, false);
        }
        Run run = new Run(budget);
        try {
            ratings(run, now);
            retention(run, now);
            drafts(run, now);
        } finally {
            store.releaseLease(holder);
        }
        Report report = new Report(true, run.expiring, run.expired, run.ended, run.purged, run.drafts, run.held, run.published,
                run.superseded, !run.exhausted());
        LOG.infof("lifecycle run: %s", report);
        return report;
    }

    private void ratings(Run run, Instant now) {
        for (String caseId : store.ratingsExpiringBy(now.plus(policy.expiringWindow()))) {
            if (run.exhausted()) {
                return;
            }
            var file = store.load(caseId).orElse(null);
            if (file == null || file.ratingExpiresAt() == null) {
                continue;
            }
            KycCase c = file.kycCase();
            if (superseded(file)) {
                write(file, c.status(), "SUPERSEDED_BY_RENEWAL", Map.of(), withIndexLeft(), now);
                run.superseded++;
                run.actions++;
                continue;
            }
            if (c.status() == CaseStatus.EXPIRING && file.expiringEventPending()) {
                publishExpiring(file, now);
                run.published++;
                run.actions++;
                continue;
            }
            if (policy.isExpired(file.ratingExpiresAt(), now)) {
                if (c.status() == CaseStatus.REGISTERED || c.status() == CaseStatus.EXPIRING) {
                    write(file, CaseStatus.EXPIRED, "RATING_EXPIRED", Map.of("ratingExpiresAt", file.ratingExpiresAt().toString()),
                            LifecycleStore.Change.none(), now);
                    run.expired++;
                    run.actions++;
                } else if (c.status() == CaseStatus.EXPIRED) {
                    Instant end = policy.relationshipEndAfterExpiry(file.ratingExpiresAt());
                    if (!end.isAfter(now)) {
                        var why = CaseEvent.RelationshipEnded.Why.EXPIRED_WITHOUT_RENEWAL;
                        Instant retentionEnd = clockStarts.clock(end).retentionEndsAt();
                        write(file, c.endRelationship(now, ACTOR, "RELATIONSHIP_ENDED", end, why, Map.of("cause", why.name(),
                                "relationshipEndedAt", end.toString(), "retentionEndsAt", retentionEnd.toString())),
                                LifecycleStore.Change.relationshipEndedByExpiry());
                        run.ended++;
                        run.actions++;
                    }
                }
            } else if (c.status() == CaseStatus.REGISTERED && policy.isExpiring(file.ratingExpiresAt(), now)) {
                var updated = write(file, CaseStatus.EXPIRING, "RATING_EXPIRING", Map.of("ratingExpiresAt", file.ratingExpiresAt().toString()),
                        LifecycleStore.Change.expiringEventDue(), now);
                run.expiring++;
                run.actions++;
                if (updated != null && !run.exhausted()) {
                    publishExpiring(store.load(caseId).orElseThrow(), now);
                    run.published++;
                    run.actions++;
                }
            }
        }
    }

    /** Another registered case of the same applicant rates longer: this one was renewed. */
    private boolean superseded(LifecycleStore.LifecycleFile file) {
        KycCase c = file.kycCase();
        if (c.status() != CaseStatus.REGISTERED && c.status() != CaseStatus.EXPIRING && c.status() != CaseStatus.EXPIRED) {
            return false;
        }
        for (String other : store.casesOf(c.applicantId())) {
            if (other.equals(c.caseId())) {
                continue;
            }
            var o = store.load(other).orElse(null);
            if (o != null && o.kycCase().status() == CaseStatus.REGISTERED && o.ratingExpiresAt() != null
                    && o.ratingExpiresAt().isAfter(file.ratingExpiresAt()) && o.investorId() != null
                    && o.investorId().equals(file.investorId())) {
                return true;
            }
        }
        return false;
    }

    private static LifecycleStore.Change withIndexLeft() {
        return LifecycleStore.Change.ratingIndexLeft();
    }

    private void publishExpiring(LifecycleStore.LifecycleFile file, Instant now) {
        KycCase c = file.kycCase();
        events.publish("kyc.rating.expiring", c.caseId() + ":" + file.ratingExpiresAt().getEpochSecond(), Map.of(
                "caseId", c.caseId(), "ratingExpiresAt", file.ratingExpiresAt().toString(),
                "investorId", String.valueOf(file.investorId())));
        write(file, c.status(), "RATING_EXPIRING_EVENT_PUBLISHED", Map.of("event", "kyc.rating.expiring"),
                LifecycleStore.Change.expiringEventPublished(), now);
    }

    private void retention(Run run, Instant now) {
        for (String caseId : store.retentionEndedBy(now)) {
            if (run.exhausted()) {
                return;
            }
            var file = store.load(caseId).orElse(null);
            if (file == null || file.purged() || file.retentionEndsAt() == null || file.retentionEndsAt().isAfter(now)) {
                continue;
            }
            if (file.legalHold() != null) {
                run.held++;
                continue;
            }
            purge(file, "RETENTION_PURGED", "retention period ended " + file.retentionEndsAt(), now);
            run.purged++;
            run.actions++;
        }
    }

    private void drafts(Run run, Instant now) {
        for (String caseId : store.draftsCreatedBy(now.minus(policy.draftMaxAge()))) {
            if (run.exhausted()) {
                return;
            }
            var file = store.load(caseId).orElse(null);
            if (file == null || file.kycCase().status() != CaseStatus.DRAFT || file.purged()) {
                continue;
            }
            purge(file, "DRAFT_PURGED", "draft abandoned since " + file.kycCase().createdAt(), now);
            run.drafts++;
            run.actions++;
        }
    }

    /**
     * Deletes every document version, the case's other items and its sealed personal data with its
     * data key (crypto-shredding), and leaves a tombstone audit record saying what went and when.
     */
    public void purge(LifecycleStore.LifecycleFile file, String action, String why, Instant now) {
        String caseId = file.kycCase().caseId();
        int versions = storage.purgeAllVersions("incoming/" + caseId + "/");
        int items = store.deleteCaseData(caseId);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", why);
        details.put("documentVersionsDeleted", Integer.toString(versions));
        details.put("itemsDeleted", Integer.toString(items));
        details.put("personalData", "deleted");
        details.put("dataKey", "deleted");
        details.put("deletedAt", now.toString());
        write(file, CaseStatus.ERASED, action, details,
                LifecycleStore.Change.purged(), now);
    }

    /** One conditional transition with its audit record; null when the case moved on meanwhile. */
    KycCase write(LifecycleStore.LifecycleFile file, CaseStatus to, String action, Map<String, String> details,
            LifecycleStore.Change change, Instant now) {
        return write(file, file.kycCase().change(now, ACTOR, action, to, details), change);
    }

    /** Writes {@code transition} (made on {@code file}'s case) with {@code change}; null when the case moved on meanwhile. */
    KycCase write(LifecycleStore.LifecycleFile file, CaseChange transition, LifecycleStore.Change change) {
        try {
            store.change(file, transition, change);
            return transition.after();
        } catch (CaseFiles.ConcurrentChange e) {
            LOG.debugf("case %s changed meanwhile; %s left to the next run", file.kycCase().caseId(), transition.record().action());
            return null;
        }
    }
}
