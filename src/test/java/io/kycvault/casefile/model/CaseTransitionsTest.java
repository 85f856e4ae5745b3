package io.kycvault.casefile.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The life of a case as a table: for every status, the statuses it may move to; every other move is
 * refused by {@link KycCase#change}, and an allowed one returns the new case with the audit record
 * that follows the chain's head.
 */
class CaseTransitionsTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    static Stream<Arguments> life() {
        return Stream.of(
                Arguments.of(CaseStatus.DRAFT, EnumSet.of(CaseStatus.IN_REVIEW, CaseStatus.ERASED)),
                Arguments.of(CaseStatus.IN_REVIEW, EnumSet.of(CaseStatus.PENDING_SECOND_APPROVAL, CaseStatus.PENDING_SECOND_REJECTION,
                        CaseStatus.RESUBMISSION_REQUESTED, CaseStatus.ERASED)),
                Arguments.of(CaseStatus.PENDING_SECOND_APPROVAL, EnumSet.of(CaseStatus.APPROVED, CaseStatus.IN_REVIEW,
                        CaseStatus.PENDING_SECOND_APPROVAL, CaseStatus.PENDING_SECOND_REJECTION, CaseStatus.RESUBMISSION_REQUESTED, CaseStatus.ERASED)),
                Arguments.of(CaseStatus.PENDING_SECOND_REJECTION, EnumSet.of(CaseStatus.REJECTED, CaseStatus.IN_REVIEW,
                        CaseStatus.PENDING_SECOND_APPROVAL, CaseStatus.PENDING_SECOND_REJECTION, CaseStatus.RESUBMISSION_REQUESTED, CaseStatus.ERASED)),
                Arguments.of(CaseStatus.RESUBMISSION_REQUESTED, EnumSet.of(CaseStatus.IN_REVIEW, CaseStatus.ERASED)),
                Arguments.of(CaseStatus.APPROVED, EnumSet.of(CaseStatus.REGISTERED, CaseStatus.ERASED)),
                Arguments.of(CaseStatus.REGISTERED, EnumSet.of(CaseStatus.EXPIRING, CaseStatus.EXPIRED, CaseStatus.ERASED)),
                Arguments.of(CaseStatus.EXPIRING, EnumSet.of(CaseStatus.EXPIRED, CaseStatus.REGISTERED, CaseStatus.ERASED)),
                Arguments.of(CaseStatus.EXPIRED, EnumSet.of(CaseStatus.ERASED)),
                Arguments.of(CaseStatus.REJECTED, EnumSet.of(CaseStatus.ERASED)),
                Arguments.of(CaseStatus.ERASED, EnumSet.noneOf(CaseStatus.class)));
    }

    static KycCase at(CaseStatus status) {
        return new KycCase("case-1", "applicant", status, "DE", AT, AT, 0, 1, 4, "f".repeat(64), null, List.of());
    }

    @ParameterizedTest(name = "{0} may move to {1}")
    @MethodSource("life")
    void eachStatusMovesOnlyWhereItsLifeGoes(CaseStatus from, Set<CaseStatus> allowed) {
        for (CaseStatus to : CaseStatus.values()) {
            KycCase before = at(from);
            if (allowed.contains(to) || to == from) {
                CaseChange change = before.change(AT.plusSeconds(1), "actor", "ACTION", to, Map.of("k", "v"));
                assertThat(change.after().status()).isEqualTo(to);
                assertThat(change.before()).isSameAs(before);
                assertThat(change.record().sequence()).isEqualTo(5);
                assertThat(change.record().previousHash()).isEqualTo(before.auditHead());
                assertThat(change.after().auditHead()).isEqualTo(change.record().hash());
                assertThat(change.after().auditSequence()).isEqualTo(5);
                assertThat(change.record().fromStatus()).isEqualTo(from.name());
                assertThat(change.record().toStatus()).isEqualTo(to.name());
            } else {
                assertThatThrownBy(() -> before.change(AT, "actor", "ACTION", to, Map.of()))
                        .as(from + " -> " + to).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("life")
    void theTableIsTheStateMachine(CaseStatus from, Set<CaseStatus> allowed) {
        for (CaseStatus to : CaseStatus.values()) {
            assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed.contains(to));
        }
    }

    @org.junit.jupiter.api.Test
    void aCaseOpensAsADraftWithTheFirstRecordOfItsChain() {
        CaseChange opened = KycCase.open("case-1", "applicant", "DE", AT, Map.of("personalDataVersion", "1"));
        assertThat(opened.after().status()).isEqualTo(CaseStatus.DRAFT);
        assertThat(opened.record().sequence()).isEqualTo(1);
        assertThat(opened.record().previousHash()).isEqualTo(AuditRecord.GENESIS);
        assertThat(opened.record().action()).isEqualTo("CASE_OPENED");
        assertThat(opened.record().actor()).isEqualTo("applicant");
    }
}
