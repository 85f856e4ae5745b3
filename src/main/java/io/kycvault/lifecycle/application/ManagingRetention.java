package io.kycvault.lifecycle.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseEvent;
import io.kycvault.identity.Caller;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compliance officers: legal holds, offboarding (the end of the business relationship), and the list
 * of both. Placing a hold takes one officer (it only keeps records longer); releasing one and
 * offboarding take two different officers, and nobody acts on their own case.
 */
@ApplicationScoped
public class ManagingRetention {

    public record Pending(String caseId, String status, boolean processingRestricted, Instant erasureRequestedAt,
            String legalHold, Instant retentionEndsAt) {
    }

    /** How long a proposed release or offboarding waits for its second officer. */
    public static final Duration PROPOSAL_LIFETIME = Duration.ofDays(7);

    private final LifecycleStore store;
    private final CaseFiles cases;
    private final RunningLifecycle lifecycle;
    private final RetentionClockStarts clockStarts;
    private final Clock clock;

    public ManagingRetention(LifecycleStore store, CaseFiles cases, RunningLifecycle lifecycle, LifecycleConfig config, Clock clock,
            RetentionClockStarts clockStarts) {
        this.store = store;
        this.cases = cases;
        this.lifecycle = lifecycle;
        this.clockStarts = clockStarts;
        this.clock = clock;
    }

    public void placeHold(Caller officer, String caseId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw DomainException.invalid("INVALID_REASON", "a legal hold needs a reason of at most 200 characters");
        }
        change(officer, caseId, "LEGAL_HOLD_PLACED", Map.of("reason", reason),
                LifecycleStore.Change.legalHoldPlaced(reason));
    }

    /**
     * Releasing a hold lets the retention purge delete what it kept: two compliance officers. The
     * first officer's call records a proposal; another officer's call within
     * {@link #PROPOSAL_LIFETIME} releases; the proposer confirming themself is refused.
     */
    public Outcome releaseHold(Caller officer, String caseId) {
        return twoOfficers(officer, caseId, "LEGAL_HOLD_RELEASE", "LEGAL_HOLD_RELEASED", Set.of("LEGAL_HOLD_PLACED"),
                (file, now) -> {
                    if (file.legalHold() == null) {
                        throw DomainException.conflict("NO_LEGAL_HOLD", "the case has no legal hold to release");
                    }
                    return new Act(Map.of(), LifecycleStore.Change.legalHoldReleased(), null, null);
                });
    }

    /** Ends the business relationship now, which starts the retention clock: two compliance officers, as a release. */
    public Outcome offboard(Caller officer, String caseId) {
        return twoOfficers(officer, caseId, "OFFBOARDING", "RELATIONSHIP_ENDED", Set.of(), (file, now) -> {
            if (file.relationshipEndedAt() != null) {
                throw DomainException.conflict("RELATIONSHIP_ALREADY_ENDED", "the relationship ended on " + file.relationshipEndedAt()
                        + "; its retention runs until " + file.retentionEndsAt());
            }
            Instant retentionEnd = clockStarts.clock(now).retentionEndsAt();
            var why = CaseEvent.RelationshipEnded.Why.OFFBOARDED;
            return new Act(Map.of("cause", why.name(), "retentionEndsAt", retentionEnd.toString()),
                    LifecycleStore.Change.offboarded(), why, retentionEnd);
        });
    }

    /**
     * What an irreversible act writes once its second officer confirms it; {@code endsRelationship}: the
     * act ends the business relationship for this reason (null when it does not).
     */
    private record Act(Map<String, String> details, LifecycleStore.Change change, CaseEvent.RelationshipEnded.Why endsRelationship,
            Instant retentionEndsAt) {
    }

    /**
     * {@code done}: the act happened (confirmed by {@code confirmedBy}, proposed by {@code proposedBy});
     * otherwise it is proposed and waits for another officer until {@code confirmBy}.
     */
    public record Outcome(boolean done, String proposedBy, Instant confirmBy, Instant retentionEndsAt) {
    }

    private Outcome twoOfficers(Caller officer, String caseId, String act, String doneAction, Set<String> alsoEndsProposals,
            java.util.function.BiFunction<LifecycleStore.LifecycleFile, Instant, Act> what) {
        requireCompliance(officer);
        if (!Ids.isIssued(caseId)) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        String proposed = act + "_PROPOSED";
        try {
            return ChangingCase.retrying(() -> {
                var file = loadForOfficer(officer, caseId);
                var c = file.kycCase();
                Instant now = clock.instant();
                Act change = what.apply(file, now);
                Optional<AuditRecord> proposal = openProposal(cases.auditTrail(caseId), proposed, doneAction, alsoEndsProposals, now);
                if (proposal.isPresent() && !proposal.get().actor().equals(officer.subject())) {
                    Map<String, String> details = new java.util.LinkedHashMap<>(change.details());
                    details.put("proposedBy", proposal.get().actor());
                    var transition = change.endsRelationship() == null
                            ? c.change(now, officer.subject(), doneAction, c.status(), details)
                            : c.endRelationship(now, officer.subject(), doneAction, now, change.endsRelationship(), details);
                    store.change(file, transition, change.change());
                    return new Outcome(true, proposal.get().actor(), null, change.retentionEndsAt());
                }
                if (proposal.isPresent()) {
                    throw DomainException.conflict("SECOND_OFFICER_REQUIRED", "you proposed this on "
                            + proposal.get().at() + "; another compliance officer must confirm it");
                }
                Instant confirmBy = now.plus(PROPOSAL_LIFETIME);
                var transition = c.change(now, officer.subject(), proposed, c.status(), Map.of("confirmBy", confirmBy.toString()));
                store.change(file, transition, LifecycleStore.Change.none());
                return new Outcome(false, officer.subject(), confirmBy, null);
            });
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
        }
    }

    /** The latest proposal of the act still open: younger than its lifetime, and not followed by the act or what ends it. */
    private static Optional<AuditRecord> openProposal(List<AuditRecord> trail, String proposed, String doneAction,
            Set<String> alsoEnds, Instant now) {
        for (int i = trail.size() - 1; i >= 0; i--) {
            AuditRecord r = trail.get(i);
            if (r.action().equals(doneAction) || alsoEnds.contains(r.action())) {
                return Optional.empty();
            }
            if (r.action().equals(proposed)) {
                return r.at().plus(PROPOSAL_LIFETIME).isAfter(now) ? Optional.of(r) : Optional.empty();
            }
        }
        return Optional.empty();
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
        try {
            ChangingCase.retrying(() -> {
                var file = loadForOfficer(officer, caseId);
                var c = file.kycCase();
                store.change(file, c.change(clock.instant(), officer.subject(), action, c.status(), details), change);
            });
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
        }
    }

    private LifecycleStore.LifecycleFile loadForOfficer(Caller officer, String caseId) {
        var file = store.load(caseId).orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "no such case"));
        if (file.purged()) {
            throw DomainException.conflict("CASE_ERASED", "the case's records were deleted under the retention policy");
        }
        if (file.kycCase().isOwnedBy(officer.subject())) {
            // A hold, its release and the end of the relationship decide how long an applicant's
            // records live: never by the applicant, whatever groups they hold.
            throw DomainException.forbidden("OWN_CASE", "compliance officers do not act on their own case");
        }
        return file;
    }

    private static void requireCompliance(Caller caller) {
        if (!caller.isCompliance()) {
            throw DomainException.forbidden("NOT_COMPLIANCE", "this route is for compliance officers");
        }
    }
}
