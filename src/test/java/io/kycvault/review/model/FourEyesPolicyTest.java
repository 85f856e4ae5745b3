package io.kycvault.review.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.KycCase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four-eyes rules as a table: one row per rule in the README ("Review: the four-eyes rule") and in
 * {@link FourEyesPolicy}'s and {@link ReviewerAccessPolicy}'s javadoc, each naming the bullet it proves.
 */
class FourEyesPolicyTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final LocalDate EXPIRY = LocalDate.parse("2027-12-01");
    static final String EVIDENCE = "a".repeat(64);
    static final String CHANGED = "b".repeat(64);

    static KycCase kycCase(CaseStatus status) {
        return new KycCase("case-1", "applicant", status, "DE", NOW, NOW, 3, 1, 5, "h", null, List.of());
    }

    static Vote vote(String reviewer, VoteKind kind, Integer rating, LocalDate expiry, String evidence) {
        return new Vote("d-" + reviewer + kind, reviewer, kind, List.of("R"), rating, expiry, evidence, NOW);
    }

    static Vote approve(String reviewer) {
        return vote(reviewer, VoteKind.APPROVE, 3, EXPIRY, EVIDENCE);
    }

    static Vote reject(String reviewer) {
        return vote(reviewer, VoteKind.REJECT, null, null, EVIDENCE);
    }

    static ReviewFile file(CaseStatus status, Vote first) {
        return new ReviewFile(kycCase(status), first, null, false);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("nobody decides on their own case, whatever groups they hold",
                        file(CaseStatus.IN_REVIEW, null), approve("applicant"), null,
                        new FourEyesPolicy.Refused(FourEyesPolicy.Reason.OWN_CASE, false)),
                Arguments.of("only cases under review can be decided: a closed case",
                        file(CaseStatus.APPROVED, null), approve("a"), null,
                        new FourEyesPolicy.Refused(FourEyesPolicy.Reason.CASE_CLOSED, false)),
                Arguments.of("only cases under review can be decided: a draft",
                        file(CaseStatus.DRAFT, null), approve("a"), null,
                        new FourEyesPolicy.Refused(FourEyesPolicy.Reason.CASE_NOT_IN_REVIEW, false)),
                Arguments.of("no decision while the applicant's erasure request restricts processing",
                        new ReviewFile(kycCase(CaseStatus.IN_REVIEW), null, null, true), approve("a"), null,
                        new FourEyesPolicy.Refused(FourEyesPolicy.Reason.PROCESSING_RESTRICTED, false)),
                Arguments.of("a reviewer holding an unexpired lease keeps others off",
                        new ReviewFile(kycCase(CaseStatus.IN_REVIEW), null, new Lease("b", NOW.plusSeconds(60)), false),
                        approve("a"), null, new FourEyesPolicy.Refused(FourEyesPolicy.Reason.CLAIMED_BY_OTHER, false)),
                Arguments.of("an approval needs two votes: the first moves the case to PENDING_SECOND_APPROVAL",
                        file(CaseStatus.IN_REVIEW, null), approve("a"), null, new FourEyesPolicy.FirstVote(CaseStatus.PENDING_SECOND_APPROVAL)),
                Arguments.of("a final rejection needs two votes: the first moves the case to PENDING_SECOND_REJECTION",
                        file(CaseStatus.IN_REVIEW, null), reject("a"), null, new FourEyesPolicy.FirstVote(CaseStatus.PENDING_SECOND_REJECTION)),
                Arguments.of("the first voter cannot cast the second vote",
                        file(CaseStatus.PENDING_SECOND_APPROVAL, approve("a")), approve("a"), null,
                        new FourEyesPolicy.Refused(FourEyesPolicy.Reason.SECOND_VOTE_BY_SAME_REVIEWER, false)),
                Arguments.of("two different reviewers agreeing on an approval complete it",
                        file(CaseStatus.PENDING_SECOND_APPROVAL, approve("a")), approve("b"), null,
                        new FourEyesPolicy.Completed(CaseStatus.APPROVED)),
                Arguments.of("two different reviewers agreeing on a rejection complete it",
                        file(CaseStatus.PENDING_SECOND_REJECTION, reject("a")), reject("b"), null,
                        new FourEyesPolicy.Completed(CaseStatus.REJECTED)),
                Arguments.of("evidence changed since the first vote: the first vote is void and the second refused",
                        file(CaseStatus.PENDING_SECOND_APPROVAL, vote("a", VoteKind.APPROVE, 3, EXPIRY, CHANGED)), approve("b"), null,
                        new FourEyesPolicy.Refused(FourEyesPolicy.Reason.EVIDENCE_CHANGED, true)),
                Arguments.of("a reviewer who read stale evidence is refused",
                        file(CaseStatus.IN_REVIEW, null), approve("a"), CHANGED,
                        new FourEyesPolicy.Refused(FourEyesPolicy.Reason.EVIDENCE_CHANGED, false)),
                Arguments.of("disagreement (the other decision) replaces the pending first vote",
                        file(CaseStatus.PENDING_SECOND_APPROVAL, approve("a")), reject("b"), null,
                        new FourEyesPolicy.FirstVote(CaseStatus.PENDING_SECOND_REJECTION)),
                Arguments.of("disagreement (another rating) replaces the pending first vote",
                        file(CaseStatus.PENDING_SECOND_APPROVAL, approve("a")), vote("b", VoteKind.APPROVE, 4, EXPIRY, EVIDENCE), null,
                        new FourEyesPolicy.FirstVote(CaseStatus.PENDING_SECOND_APPROVAL)),
                Arguments.of("disagreement (another rating expiry) replaces the pending first vote",
                        file(CaseStatus.PENDING_SECOND_APPROVAL, approve("a")),
                        vote("b", VoteKind.APPROVE, 3, EXPIRY.plusDays(1), EVIDENCE), null,
                        new FourEyesPolicy.FirstVote(CaseStatus.PENDING_SECOND_APPROVAL)),
                Arguments.of("a resubmission request needs one reviewer, also over a pending vote",
                        file(CaseStatus.PENDING_SECOND_APPROVAL, approve("a")),
                        vote("b", VoteKind.REQUEST_RESUBMISSION, null, null, EVIDENCE), null, new FourEyesPolicy.ResubmissionRequested()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleOfTheFourEyesPrinciple(String rule, ReviewFile file, Vote vote, String readEvidence, FourEyesPolicy.Outcome expected) {
        assertThat(FourEyesPolicy.decide(file, vote, EVIDENCE, readEvidence, NOW)).as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theReviewerGateAgreesWithTheFourEyesRules(String rule, ReviewFile file, Vote vote, String readEvidence,
            FourEyesPolicy.Outcome expected) {
        var gate = ReviewerAccessPolicy.refusal(vote.reviewer(), file);
        boolean gateRule = expected instanceof FourEyesPolicy.Refused r && switch (r.reason()) {
            case OWN_CASE, CASE_CLOSED, CASE_NOT_IN_REVIEW, PROCESSING_RESTRICTED -> true;
            default -> false;
        };
        assertThat(gate.map(Enum::name)).as(rule)
                .isEqualTo(gateRule ? java.util.Optional.of(((FourEyesPolicy.Refused) expected).reason().name()) : java.util.Optional.empty());
    }
}
