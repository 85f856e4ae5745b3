package io.kycvault.review.application;

import io.kycvault.audit.application.AuditTrail;
import io.kycvault.audit.application.StatementSignatures;
import io.kycvault.audit.model.DecisionStatement;
import io.kycvault.identity.Caller;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.model.CaseStatus;
import io.kycvault.intake.model.DocumentType;
import io.kycvault.intake.model.KycCase;
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
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final int ATTEMPTS = 6;

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
        VoteKind kind = kind(request.decision());
        List<String> reasons = reasons(kind, request.reasonCodes());
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Integer rating = null;
        LocalDate expiresOn = null;
        if (kind == VoteKind.APPROVE) {
            rating = rating(request.rating());
            expiresOn = expiry(request.ratingExpiresOn(), today);
        } else if (request.rating() != null || request.ratingExpiresOn() != null) {
            throw DomainException.invalid("RATING_NOT_ALLOWED", "only approvals carry a rating and its expiry");
        }
        Set<DocumentType> requested = kind == VoteKind.REQUEST_RESUBMISSION ? requested(request.requestedDocuments()) : Set.of();
        if (kind != VoteKind.REQUEST_RESUBMISSION && request.requestedDocuments() != null) {
            throw DomainException.invalid("DOCUMENTS_NOT_ALLOWED", "only resubmission requests name documents");
        }
        if (request.evidence() != null && !FINGERPRINT.matcher(request.evidence()).matches()) {
            throw DomainException.invalid("INVALID_EVIDENCE", "evidence must be the fingerprint shown with the case");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ReviewFile file = store.load(caseId).orElseThrow(() -> DomainException.notFound("CASE_NOT_FOUND", "no such case"));
            KycCase current = file.kycCase();
            String evidence = Evidence.fingerprint(cases.documents(caseId), current.personalDataVersion());
            Instant now = clock.instant();
            Vote vote = new Vote(Ids.newId(), reviewer.subject(), kind, reasons, rating, expiresOn, evidence, now);
            var outcome = FourEyesPolicy.decide(file, vote, evidence, request.evidence(), now);
            try {
                Result result = switch (outcome) {
                    case FourEyesPolicy.Refused refused -> refuse(file, refused, reviewer, now);
                    case FourEyesPolicy.FirstVote first -> write(file, vote, first.next(), "FIRST_VOTE",
                            new ReviewStore.VoteChange(vote, vote, null, null, false), null, now);
                    case FourEyesPolicy.ResubmissionRequested r -> write(file, vote, CaseStatus.RESUBMISSION_REQUESTED,
                            "RESUBMISSION_REQUESTED", new ReviewStore.VoteChange(vote, null, null, null, false),
                            new KycCase.Resubmission(now, requested, reasons), now);
                    case FourEyesPolicy.Completed done -> complete(file, vote, done.next(), now);
                };
                return result;
            } catch (CaseStore.ConcurrentChange e) {
                LOG.debugf("case %s changed while deciding; deciding again (attempt %d)", caseId, attempt);
            }
        }
        throw DomainException.conflict("CONCURRENT_DECISION", "the case changed while deciding; reload it and try again");
    }

    private Result complete(ReviewFile file, Vote vote, CaseStatus next, Instant now) {
        KycCase c = file.kycCase();
        if (next == CaseStatus.APPROVED) {
            Instant expiresAt = vote.ratingExpiresOn().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            RegistrationRequest registration = new RegistrationRequest(c.caseId(), vote.decisionId(), vote.rating(),
                    expiresAt.getEpochSecond(), c.countryOfResidence(), c.wallets());
            Result result = write(file, vote, next, "APPROVED", new ReviewStore.VoteChange(vote, null, registration,
                    new ReviewStore.ApprovedRating(vote.decisionId(), vote.rating(), expiresAt), false), null, now);
            try {
                registrations.publish(registration);
            } catch (RuntimeException e) {
                // The outbox entry was written with the approval; the relay sends it later.
                LOG.warnf(e, "registration of case %s left in the outbox for the relay", c.caseId());
            }
            return result;
        }
        return write(file, vote, next, "REJECTED", new ReviewStore.VoteChange(vote, null, null, null, true), null, now);
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
        var statement = DecisionStatement.of(AuditTrail.next(c, now, vote.reviewer(), DecisionStatement.ACTION, next, details))
                .orElseThrow();
        details.put(DecisionStatement.SIGNATURE, signatures.sign(statement.canonical()));
        var record = AuditTrail.next(c, now, vote.reviewer(), DecisionStatement.ACTION, next, details);
        KycCase updated = AuditTrail.advance(c, record, next, now);
        if (resubmission != null) {
            updated = updated.withResubmission(resubmission);
        }
        store.vote(file, updated, change, record);
        return new Result(c.caseId(), next, vote.decisionId());
    }

    private Result refuse(ReviewFile file, FourEyesPolicy.Refused refused, Caller reviewer, Instant now) {
        if (refused.voidFirstVote()) {
            KycCase c = file.kycCase();
            var record = AuditTrail.next(c, now, reviewer.subject(), "FIRST_VOTE_VOIDED", CaseStatus.IN_REVIEW,
                    Map.of("decisionId", file.firstVote().decisionId(), "reason", "EVIDENCE_CHANGED"));
            store.voidFirstVote(file, AuditTrail.advance(c, record, CaseStatus.IN_REVIEW, now), record);
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

    private static VoteKind kind(String raw) {
        try {
            return VoteKind.valueOf(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.invalid("INVALID_DECISION", "decision must be APPROVE, REJECT or REQUEST_RESUBMISSION");
        }
    }

    private List<String> reasons(VoteKind kind, List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw DomainException.invalid("REASONS_REQUIRED", "a decision needs at least one reason code");
        }
        if (codes.size() > 10 || codes.stream().anyMatch(c -> c == null || c.length() > 64)) {
            throw DomainException.invalid("UNKNOWN_REASON_CODE", "at most 10 reason codes, each from the list for " + kind + ": "
                    + String.join(", ", taxonomy.allowed(kind)));
        }
        String unknown = taxonomy.firstUnknown(kind, codes);
        if (unknown != null) {
            String shown = (unknown.length() > 64 ? unknown.substring(0, 64) : unknown).replaceAll("[^A-Z0-9_]", "?");
            throw DomainException.invalid("UNKNOWN_REASON_CODE", "reason code not allowed for " + kind + ": " + shown
                    + "; allowed: " + String.join(", ", taxonomy.allowed(kind)));
        }
        return codes.stream().distinct().toList();
    }

    private static int rating(Integer rating) {
        if (rating == null || rating < 1 || rating > 255) {
            throw DomainException.invalid("INVALID_RATING", "an approval needs a rating from 1 to 255");
        }
        return rating;
    }

    private LocalDate expiry(String raw, LocalDate today) {
        if (raw == null) {
            return today.plus(config.defaultRatingValidity());
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("INVALID_DATE", "ratingExpiresOn must be a date written YYYY-MM-DD");
        }
        if (!date.isAfter(today) || date.isAfter(today.plus(config.maxRatingValidity()))) {
            throw DomainException.invalid("INVALID_RATING_EXPIRY", "ratingExpiresOn must be after today and within "
                    + config.maxRatingValidity());
        }
        return date;
    }

    private static Set<DocumentType> requested(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw DomainException.invalid("DOCUMENTS_REQUIRED", "a resubmission request names the documents to provide");
        }
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        for (String t : raw) {
            try {
                types.add(DocumentType.valueOf(t));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw DomainException.invalid("INVALID_DOC_TYPE", "requestedDocuments must be document types: "
                        + java.util.Arrays.toString(DocumentType.values()));
            }
        }
        return types;
    }
}
