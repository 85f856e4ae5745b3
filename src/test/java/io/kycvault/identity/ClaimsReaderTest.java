package io.kycvault.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kycvault.shared.DomainException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimsReaderTest {

    @Test
    void readsApiGatewayFlattenedGroups() {
        Caller c = ClaimsReader.read(Map.of("sub", "abc-123", "cognito:groups", "[kyc-reviewer kyc-compliance]"));
        assertThat(c.subject()).isEqualTo("abc-123");
        assertThat(c.groups()).isEqualTo(Set.of("kyc-reviewer", "kyc-compliance"));
        assertThat(c.isReviewer()).isTrue();
    }

    @Test
    void noGroupsMeansApplicant() {
        assertThat(ClaimsReader.read(Map.of("sub", "alice")).groups()).isEmpty();
    }

    @Test
    void refusesMissingOrMalformedSubjectAndGroups() {
        assertThatThrownBy(() -> ClaimsReader.read(null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> ClaimsReader.read(Map.of())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> ClaimsReader.read(Map.of("sub", "a b"))).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> ClaimsReader.read(Map.of("sub", "alice", "cognito:groups", "[Admin$]")))
                .isInstanceOf(DomainException.class);
    }
}
