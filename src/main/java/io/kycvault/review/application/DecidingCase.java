package io.kycvault.review.application;

import io.kycvault.audit.application.StatementSignatures;
import io.kycvault.audit.model.DecisionStatement;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.DocumentType;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.review.model.DecisionRequest;
import io.kycvault.review.model.Evidence;
import io.kycvault.review.model.FourEyesPolicy;
import io.kycvault.review.model.ReasonTaxonomy;
import io.kycvault.review.model.ReviewFile;
import io.kycvault.review.model.Vote;
import io.kycvault.review.model.VoteKind;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Records a reviewer's vote and applies the four-eyes rule ({@link FourEyesPolicy}). The read, the
 * rule and the write form one optimistic step: the write is conditional on the case not having
 * changed since it was read, so of concurrent votes exactly one lands and the others are decided
 * again against the new state (usually: the case is closed, 409).
 */
@ApplicationScoped
public class DecidingCase {

    public record Request(String decision, List<String> reasonCodes, Integer rating, String ratingExpiresOn,
            List<String> requestedDocuments, String evidence) {
    }

    public record Result(String caseId, CaseStatus status, String decisionId) {
    }

    private static final Logger LOG = Logger.getLogger(DecidingCase.class);

    private final ReviewStore store;
    private final StatementSignatures.Decisions signatures;
    private final CaseStore cases;
    private final RegistrationQueue registrations;
    private final ReviewConfig config;
    private final ReasonTaxonomy taxonomy;
    private final Clock clock;

    public DecidingCase(ReviewStore store, CaseStore cases, RegistrationQueue registrations, ReviewConfig config,
            StatementSignatures.Decisions signatures, Clock clock) {
        this.store = store;
        this.signatures = signatures;
        this.cases = cases;
        this.registrations = registrations;
        this.config = config;
        this.taxonomy = new ReasonTaxonomy(Map.of(
                VoteKind.APPROVE, config.approveReasons(),
                VoteKind.REJECT, config.rejectReasons(),
                VoteKind.REQUEST_RESUBMISSION, config.resubmissionReasons()));
        this.clock = clock;
    }

    public Result decide(Caller reviewer, String caseId, Request request) {
        ReviewAccess.requireReviewer(reviewer);
        if (!Ids.isIssued(caseId)) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        DecisionRequest checked = DecisionRequest.of(request.decision(), request.reasonCodes(), request.rating(),
                request.ratingExpiresOn(), request.requestedDocuments(), request.evidence(), taxonomy,
                new DecisionRequest.RatingValidity(config.defaultRatingValidity(), config.maxRatingValidity()),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        VoteKind kind = checked.kind();
        List<String> reasons = checked.reasons();
        Integer rating = checked.rating();
        LocalDate expiresOn = checked.ratingExpiresOn();
        Set<DocumentType> requested = checked.requestedDocuments();
        try {
            return ChangingCase.retrying(() -> {
                ReviewFile file = store.load(caseId).orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "no such case"));
                KycCase current = file.kycCase();
                String evidence = Evidence.fingerprint(cases.documents(caseId), current.personalDataVersion());
                Instant now = clock.instant();
                Vote vote = new Vote(Ids.newId(), reviewer.subject(), kind, reasons, rating, expiresOn, evidence, now);
                return switch (FourEyesPolicy.decide(file, vote, evidence, request.evidence(), now)) {
                    case FourEyesPolicy.Refused refused -> refuse(file, refused, reviewer, now);
                    case FourEyesPolicy.FirstVote first -> write(file, vote, first.next(), "FIRST_VOTE",
                            new ReviewStore.VoteChange(vote, vote, null, null), null, now);
                    case FourEyesPolicy.ResubmissionRequested r -> write(file, vote, CaseStatus.RESUBMISSION_REQUESTED,
                            "RESUBMISSION_REQUESTED", new ReviewStore.VoteChange(vote, null, null, null),
                            new KycCase.Resubmission(now, requested, reasons), now);
                    case FourEyesPolicy.Completed done -> complete(file, vote, done.next(), now);
                };
            });
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_DECISION", "the case changed while deciding; reload it and try again");
        }
    }

    private Result complete(ReviewFile file, Vote vote, CaseStatus next, Instant now) {
        KycCase c = file.kycCase();
        if (next == CaseStatus.APPROVED) {
            Instant expiresAt = vote.ratingExpiresOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            RegistrationRequest registration = new RegistrationRequest(c.caseId(), vote.decisionId(), vote.rating(),
                    expiresAt.getEpochSecond(), c.countryOfResidence(), c.wallets());
            Result result = write(file, vote, next, "APPROVED", new ReviewStore.VoteChange(vote, null, registration,
                    new ReviewStore.ApprovedRating(vote.decisionId(), vote.rating(), expiresAt)), null, now);
            try {
                registrations.publish(registration);
            } catch (RuntimeException e) {
                // The outbox entry was written with the approval; the relay sends it later.
                LOG.warnf(e, "registration of case %s left in the outbox for the relay", c.caseId());
            }
            return result;
        }
        return write(file, vote, next, "REJECTED", new ReviewStore.VoteChange(vote, null, null, null), null, now);
    }

    private Result write(ReviewFile file, Vote vote, CaseStatus next, String outcome, ReviewStore.VoteChange change,
            KycCase.Resubmission resubmission, Instant now) {
        KycCase c = file.kycCase();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("decisionId", vote.decisionId());
        details.put("decision", vote.kind().name());
        details.put("outcome", outcome);
        details.put("reasons", String.join(",", vote.reasonCodes()));
        details.put("evidence", vote.evidence());
        if (vote.rating() != null) {
            details.put("rating", vote.rating().toString());
            details.put("ratingExpiresOn", vote.ratingExpiresOn().toString());
        }
        if (file.firstVote() != null && change.firstVote() == vote) {
            details.put("replacesDecision", file.firstVote().decisionId());
        }
        // The vote's statement, signed with the key only this function may use: the chain function
        // and audit verification accept an approval only on two such signatures.
        var statement = DecisionStatement.of(c.change(now, vote.reviewer(), DecisionStatement.ACTION, next, details).record())
                .orElseThrow();
        details.put(DecisionStatement.SIGNATURE, signatures.sign(statement.canonical()));
        var transition = c.change(now, vote.reviewer(), DecisionStatement.ACTION, next, details);
        if (resubmission != null) {
            transition = transition.withAfter(transition.after().withResubmission(resubmission));
        }
        store.vote(transition, change, file.lease());
        return new Result(c.caseId(), next, vote.decisionId());
    }

    private Result refuse(ReviewFile file, FourEyesPolicy.Refused refused, Caller reviewer, Instant now) {
        if (refused.voidFirstVote()) {
            KycCase c = file.kycCase();
            var transition = c.change(now, reviewer.subject(), "FIRST_VOTE_VOIDED", CaseStatus.IN_REVIEW,
                    Map.of("decisionId", file.firstVote().decisionId(), "reason", "EVIDENCE_CHANGED"));
            var record = transition.record();
            store.voidFirstVote(file, transition.after(), record);
        }
        throw switch (refused.reason()) {
            case OWN_CASE -> DomainException.forbidden("OWN_CASE", "reviewers cannot decide on their own case");
            case SECOND_VOTE_BY_SAME_REVIEWER -> DomainException.forbidden("SECOND_VOTE_BY_SAME_REVIEWER",
                    "the second vote must come from another reviewer");
            case CASE_CLOSED -> DomainException.conflict("CASE_CLOSED", "the case is already decided");
            case CASE_NOT_IN_REVIEW -> DomainException.conflict("CASE_NOT_IN_REVIEW", "the case is not in review");
            case CLAIMED_BY_OTHER -> DomainException.conflict("CLAIMED_BY_OTHER", "another reviewer holds this case");
            case PROCESSING_RESTRICTED -> DomainException.conflict("PROCESSING_RESTRICTED",
                    "the applicant asked for erasure; the case may not be processed");
            case EVIDENCE_CHANGED -> DomainException.conflict("EVIDENCE_CHANGED", refused.voidFirstVote()
                    ? "the documents changed since the first vote; it is void and the case needs two fresh votes"
                    : "the documents changed since you read the case; read it again");
        };
    }
}
