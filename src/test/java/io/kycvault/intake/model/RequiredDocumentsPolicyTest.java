package io.kycvault.intake.model;

import static io.kycvault.casefile.model.DocumentType.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.casefile.model.DocumentType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequiredDocumentsPolicyTest {

    private static final RequiredDocumentsPolicy POLICY = RequiredDocumentsPolicy.parse(List.of(
            "identity=PASSPORT|ID_CARD_FRONT+ID_CARD_BACK|DRIVING_LICENCE_FRONT+DRIVING_LICENCE_BACK",
            "proof-of-address=PROOF_OF_ADDRESS",
            "proof-of-funds=PROOF_OF_FUNDS"));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(EnumSet.of(PASSPORT, PROOF_OF_ADDRESS, PROOF_OF_FUNDS), List.of()),
                Arguments.of(EnumSet.of(ID_CARD_FRONT, ID_CARD_BACK, PROOF_OF_ADDRESS, PROOF_OF_FUNDS), List.of()),
                Arguments.of(EnumSet.of(DRIVING_LICENCE_FRONT, DRIVING_LICENCE_BACK, PROOF_OF_ADDRESS, PROOF_OF_FUNDS), List.of()),
                Arguments.of(EnumSet.of(ID_CARD_FRONT, PROOF_OF_ADDRESS, PROOF_OF_FUNDS), List.of("identity")),
                Arguments.of(EnumSet.of(ID_CARD_FRONT, DRIVING_LICENCE_BACK, PROOF_OF_ADDRESS, PROOF_OF_FUNDS), List.of("identity")),
                Arguments.of(EnumSet.of(PASSPORT), List.of("proof-of-address", "proof-of-funds")),
                Arguments.of(EnumSet.noneOf(DocumentType.class), List.of("identity", "proof-of-address", "proof-of-funds")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void namesUnmetRequirements(Set<DocumentType> verified, List<String> unmet) {
        assertThat(POLICY.unmet(verified)).isEqualTo(unmet);
    }
}
