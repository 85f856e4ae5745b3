package io.kycvault.casefile.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kycvault.casefile.model.CaseEvent.CaseRejected;
import io.kycvault.casefile.model.CaseEvent.RelationshipEnded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the case's transitions mean to other capabilities, as a table: every allowed move emits the
 * events listed (none for the rest), and ending the relationship emits {@link RelationshipEnded} with
 * its reason and end.
 */
class CaseEventsTest {

    static final Instant AT = CaseTransitionsTest.AT.plusSeconds(60);

    static Stream<Arguments> moves() {
        return Stream.of(
                Arguments.of(CaseStatus.PENDING_SECOND_REJECTION, CaseStatus.REJECTED,
                        List.of(new CaseRejected("case-1", AT), new RelationshipEnded("case-1", AT, RelationshipEnded.Why.REJECTED))),
                Arguments.of(CaseStatus.PENDING_SECOND_APPROVAL, CaseStatus.APPROVED, List.of()),
                Arguments.of(CaseStatus.IN_REVIEW, CaseStatus.PENDING_SECOND_REJECTION, List.of()),
                Arguments.of(CaseStatus.PENDING_SECOND_REJECTION, CaseStatus.PENDING_SECOND_REJECTION, List.of()),
                Arguments.of(CaseStatus.IN_REVIEW, CaseStatus.RESUBMISSION_REQUESTED, List.of()),
                Arguments.of(CaseStatus.REGISTERED, CaseStatus.EXPIRED, List.of()),
                Arguments.of(CaseStatus.REJECTED, CaseStatus.REJECTED, List.of()),
                Arguments.of(CaseStatus.REJECTED, CaseStatus.ERASED, List.of()),
                Arguments.of(CaseStatus.EXPIRED, CaseStatus.ERASED, List.of()));
    }

    @ParameterizedTest(name = "{0} -> {1} emits {2}")
    @MethodSource("moves")
    void eachMoveEmitsItsEvents(CaseStatus from, CaseStatus to, List<CaseEvent> events) {
        assertThat(CaseTransitionsTest.at(from).change(AT, "actor", "ACTION", to, Map.of()).events()).isEqualTo(events);
    }

    @Test
    void onlyTheFinalRejectionEmitsAnythingAmongAllMoves() {
        for (CaseStatus from : CaseStatus.values()) {
            for (CaseStatus to : CaseStatus.values()) {
                if (from != to && !from.canMoveTo(to)) {
                    continue;
                }
                List<CaseEvent> events = CaseTransitionsTest.at(from).change(AT, "actor", "ACTION", to, Map.of()).events();
                assertThat(events.isEmpty()).as(from + " -> " + to).isEqualTo(to != CaseStatus.REJECTED || from == CaseStatus.REJECTED);
            }
        }
        assertThat(KycCase.open("case-1", "applicant", "DE", AT, Map.of()).events()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RelationshipEnded.Why.class)
    void endingTheRelationshipEmitsWhenAndWhy(RelationshipEnded.Why why) {
        Instant endedAt = AT.minusSeconds(86_400);
        KycCase before = CaseTransitionsTest.at(CaseStatus.EXPIRED);
        CaseChange change = before.endRelationship(AT, "system:lifecycle", "RELATIONSHIP_ENDED", endedAt, why, Map.of("cause", why.name()));
        assertThat(change.events()).containsExactly(new RelationshipEnded("case-1", endedAt, why));
        assertThat(change.after().status()).as("the status stays").isEqualTo(CaseStatus.EXPIRED);
        assertThat(change.before()).isSameAs(before);
        assertThat(change.record().action()).isEqualTo("RELATIONSHIP_ENDED");
        assertThat(change.record().at()).isEqualTo(AT);
        assertThat(change.record().details()).containsEntry("cause", why.name());
        assertThat(change.after().auditHead()).isEqualTo(change.record().hash());
    }

    @Test
    void anErasedCaseHasNoRelationshipToEnd() {
        assertThatThrownBy(() -> CaseTransitionsTest.at(CaseStatus.ERASED).endRelationship(AT, "officer", "RELATIONSHIP_ENDED", AT,
                RelationshipEnded.Why.OFFBOARDED, Map.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChangeKeepsItsEventsWhenACapabilitySetsItsOwnFields() {
        CaseChange rejected = CaseTransitionsTest.at(CaseStatus.PENDING_SECOND_REJECTION).change(AT, "r", "A", CaseStatus.REJECTED, Map.of());
        CaseChange withWallet = rejected.withAfter(rejected.after().withWallet("0xabc"));
        assertThat(withWallet.events()).isEqualTo(rejected.events());
        assertThat(withWallet.record()).isSameAs(rejected.record());
        assertThat(withWallet.after().wallets()).containsExactly("0xabc");
    }
}
