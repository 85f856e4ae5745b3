package io.kycvault.audit.model;

import io.kycvault.casefile.model.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a reviewer's vote says, as the review function signs it with a KMS key only it may use:
 * case, decision, evidence fingerprint, rating and its last valid day, reviewer and time. It travels
 * in the vote's audit record ({@code DECISION_RECORDED}, detail {@code signature}), so the chain
 * function and audit verification can check every approval without trusting whoever wrote the table.
 */
public record DecisionStatement(String caseId, String decisionId, String decision, String evidence, String rating,
        String ratingExpiresOn, String reviewer, Instant at) {

    public static final String ACTION = "DECISION_RECORDED";
    public static final String SIGNATURE = "signature";

    /** The statement a {@code DECISION_RECORDED} record carries, if the record is one. */
    public static Optional<DecisionStatement> of(AuditRecord record) {
        if (!ACTION.equals(record.action())) {
            return Optional.empty();
        }
        Map<String, String> d = record.details();
        return Optional.of(new DecisionStatement(record.caseId(), d.get("decisionId"), d.get("decision"), d.get("evidence"),
                d.get("rating"), d.get("ratingExpiresOn"), record.actor(), record.at()));
    }

    /** Length-prefixed and versioned: no two statements share an encoding. */
    public byte[] canonical() {
        StringBuilder out = new StringBuilder();
        for (String field : new String[] {"kyc-vault-decision/1", caseId, decisionId, decision, evidence, rating, ratingExpiresOn,
                reviewer, at == null ? null : at.toString()}) {
            String v = field == null ? "\u0000null" : field;
            out.append(v.length()).append(':').append(v).append(';');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
