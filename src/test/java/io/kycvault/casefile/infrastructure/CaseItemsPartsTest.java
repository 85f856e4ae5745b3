package io.kycvault.casefile.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.casefile.model.RetentionPolicy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The kernel's mapper writes a capability's typed part in the change's own conditional update. */
class CaseItemsPartsTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    final KycCase pending = new KycCase("case-1", "applicant", CaseStatus.PENDING_SECOND_REJECTION, "DE", AT, AT, 0, 1, 4,
            "f".repeat(64), null, List.of());

    @Test
    void theRetentionPartIsSetWithTheChangeAndItsIndex() {
        CaseChange rejected = pending.change(AT, "reviewer", "DECISION", CaseStatus.REJECTED, Map.of());
        var clock = new RetentionPolicy.RetentionClock(AT, Instant.parse("2031-12-01T10:00:00Z"));
        Update update = CaseItems.advance("table", rejected, List.of(clock)).build().update();
        Map<String, AttributeValue> set = assignments(update);
        assertThat(set).containsEntry("status", AttributeValue.fromS("REJECTED"))
                .containsEntry("relationshipEndedAt", AttributeValue.fromS(AT.toString()))
                .containsEntry("retentionEndsAt", AttributeValue.fromS("2031-12-01T10:00:00Z"))
                .containsEntry("gsi4pk", AttributeValue.fromS("RETENTION"))
                .containsEntry("gsi4sk", AttributeValue.fromS("2031-12-01T10:00:00Z#case-1"));
        assertThat(update.conditionExpression()).isEqualTo("#seq = :expectedSeq");
        assertThat(update.expressionAttributeValues()).containsEntry(":expectedSeq", AttributeValue.fromN("4"));
    }

    @Test
    void aFinalRejectionCannotBeWrittenWithoutItsEventsParts() {
        CaseChange rejected = pending.change(AT, "reviewer", "DECISION", CaseStatus.REJECTED, Map.of());
        assertThatThrownBy(() -> CaseItems.advance("table", rejected.before(), rejected.after()))
                .isInstanceOf(IllegalStateException.class);
        CaseChange firstVote = pending.change(AT, "reviewer", "DECISION", CaseStatus.PENDING_SECOND_REJECTION, Map.of());
        assertThat(assignments(CaseItems.advance("table", firstVote.before(), firstVote.after()).build().update()))
                .doesNotContainKeys("relationshipEndedAt", "retentionEndsAt", "gsi4pk");
    }

    /** Attribute name to value of the update's SET clause. */
    private static Map<String, AttributeValue> assignments(Update update) {
        Map<String, AttributeValue> set = new HashMap<>();
        String clause = update.updateExpression().substring("SET ".length()).split(" REMOVE ")[0];
        for (String assignment : clause.split(", ")) {
            String[] sides = assignment.split(" = ");
            set.put(update.expressionAttributeNames().get(sides[0]), update.expressionAttributeValues().get(sides[1]));
        }
        return set;
    }
}
