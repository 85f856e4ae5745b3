package io.kycvault.audit.application;

import io.kycvault.audit.model.DecisionStatement;
import io.kycvault.casefile.model.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Proves an approval from the case's audit trail alone: the approving vote and the first vote it
 * completed are both signed by the review function's key, by two different reviewers, neither the
 * applicant, over the same evidence, granting the same rating until the same day. A status written
 * into the table by anyone else proves nothing.
 */
@ApplicationScoped
public class ProvingApproval {

    /** Two signed, agreeing approvals. */
    public record Approval(int rating, LocalDate ratingExpiresOn, String evidence, List<String> reviewers) {

        /** The end of the rating's last valid day (UTC), as the registrar stores it. */
        public long ratingExpiresAt() {
            return ratingExpiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        }
    }

    /** Either an approval or why there is none. */
    public record Proof(Approval approval, String problem) {
        public boolean proven() {
            return approval != null;
        }
    }

    private final StatementSignatures.Decisions signatures;

    public ProvingApproval(StatementSignatures.Decisions signatures) {
        this.signatures = signatures;
    }

    public Proof prove(String applicantId, List<AuditRecord> trail) {
        Set<String> voided = new HashSet<>();
        trail.stream().filter(r -> r.action().equals("FIRST_VOTE_VOIDED")).forEach(r -> voided.add(r.details().get("decisionId")));
        int completing = -1;
        for (int i = trail.size() - 1; i >= 0; i--) {
            if (DecisionStatement.ACTION.equals(trail.get(i).action()) && "APPROVED".equals(trail.get(i).details().get("outcome"))) {
                completing = i;
                break;
            }
        }
        if (completing < 0) {
            return new Proof(null, "no approving vote in the audit trail");
        }
        AuditRecord second = trail.get(completing);
        AuditRecord first = null;
        for (int i = completing - 1; i >= 0; i--) {
            AuditRecord r = trail.get(i);
            if (DecisionStatement.ACTION.equals(r.action()) && "FIRST_VOTE".equals(r.details().get("outcome"))
                    && !voided.contains(r.details().get("decisionId"))) {
                first = r;
                break;
            }
        }
        if (first == null) {
            return new Proof(null, "the approving vote completes no first vote");
        }
        for (AuditRecord vote : List.of(first, second)) {
            if (!signed(vote)) {
                return new Proof(null, "vote " + vote.details().get("decisionId") + " is not signed by the review function's key");
            }
            if (!"APPROVE".equals(vote.details().get("decision"))) {
                return new Proof(null, "vote " + vote.details().get("decisionId") + " is not an approval");
            }
            if (vote.actor().equals(applicantId)) {
                return new Proof(null, "the applicant voted on their own case");
            }
        }
        if (first.actor().equals(second.actor())) {
            return new Proof(null, "both votes are by " + first.actor());
        }
        for (String field : List.of("evidence", "rating", "ratingExpiresOn")) {
            if (!Objects.equals(first.details().get(field), second.details().get(field))) {
                return new Proof(null, "the two votes differ in " + field);
            }
        }
        try {
            return new Proof(new Approval(Integer.parseInt(second.details().get("rating")),
                    LocalDate.parse(second.details().get("ratingExpiresOn")), second.details().get("evidence"),
                    List.of(first.actor(), second.actor())), null);
        } catch (RuntimeException e) {
            return new Proof(null, "the approval's rating or expiry is unreadable");
        }
    }

    /** Every vote record whose signature does not hold (audit verification names each). */
    public List<AuditRecord> unsigned(List<AuditRecord> trail) {
        List<AuditRecord> out = new ArrayList<>();
        for (AuditRecord r : trail) {
            if (DecisionStatement.ACTION.equals(r.action()) && !signed(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private boolean signed(AuditRecord vote) {
        return DecisionStatement.of(vote)
                .map(s -> signatures.verify(s.canonical(), vote.details().get(DecisionStatement.SIGNATURE)))
                .orElse(false);
    }
}
