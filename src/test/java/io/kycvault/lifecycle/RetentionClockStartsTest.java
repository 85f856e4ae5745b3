package io.kycvault.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.casefile.model.CaseEvent;
import io.kycvault.casefile.model.RetentionPolicy;
import io.kycvault.lifecycle.application.RetentionClockStarts;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The retention clock starts when, and only when, the relationship ends, whatever ended it. */
class RetentionClockStartsTest {

    final RetentionClockStarts clockStarts = new RetentionClockStarts(RetentionPolicyTest.POLICY);
    static final Instant ENDED = Instant.parse("2028-02-29T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @EnumSource(CaseEvent.RelationshipEnded.Why.class)
    void anEndedRelationshipStartsTheClockAtItsEnd(CaseEvent.RelationshipEnded.Why why) {
        assertThat(clockStarts.partsFor(new CaseEvent.RelationshipEnded("case-1", ENDED, why)))
                .containsExactly(new RetentionPolicy.RetentionClock(ENDED, Instant.parse("2033-02-28T12:00:00Z")));
    }

    @Test
    void aRejectionAloneStartsNothing() {
        assertThat(clockStarts.partsFor(new CaseEvent.CaseRejected("case-1", ENDED))).isEmpty();
    }
}
