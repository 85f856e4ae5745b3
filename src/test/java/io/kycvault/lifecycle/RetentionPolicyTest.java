package io.kycvault.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.casefile.model.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionPolicyTest {

    static final RetentionPolicy POLICY = new RetentionPolicy(Period.ofYears(5), Period.ofDays(90), Duration.ofDays(30),
            Duration.ofDays(30));

    static Stream<Arguments> retentionEnds() {
        return Stream.of(
                Arguments.of("ordinary", "2026-11-22T10:15:30Z", "2031-11-22T10:15:30Z"),
                Arguments.of("leap day to a common year", "2024-02-29T12:00:00Z", "2029-02-28T12:00:00Z"),
                Arguments.of("leap day to a leap year", "2023-02-28T12:00:00Z", "2028-02-28T12:00:00Z"),
                Arguments.of("night of the spring DST change (Berlin)", "2026-03-29T01:30:00Z", "2031-03-29T01:30:00Z"),
                Arguments.of("night of the autumn DST change (Berlin)", "2026-10-25T00:30:00Z", "2031-10-25T00:30:00Z"),
                Arguments.of("new year's eve", "2026-12-31T23:59:59Z", "2031-12-31T23:59:59Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retentionEnds")
    void retentionEndsFiveCalendarYearsLaterInUtc(String name, String relationshipEnd, String expected) {
        assertThat(POLICY.retentionEndsAt(Instant.parse(relationshipEnd))).isEqualTo(Instant.parse(expected));
    }

    static Stream<Arguments> expiry() {
        Instant now = Instant.parse("2026-03-29T00:30:00Z");
        return Stream.of(
                Arguments.of("31 days away: not yet expiring", now.plus(Duration.ofDays(31)), now, false, false),
                Arguments.of("exactly 30 days away: expiring", now.plus(Duration.ofDays(30)), now, true, false),
                Arguments.of("one second left: expiring", now.plusSeconds(1), now, true, false),
                Arguments.of("at the instant: expired", now, now, false, true),
                Arguments.of("a second ago: expired", now.minusSeconds(1), now, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expiry")
    void expiringWindowAndExpiry(String name, Instant expiresAt, Instant now, boolean expiring, boolean expired) {
        assertThat(POLICY.isExpiring(expiresAt, now)).isEqualTo(expiring);
        assertThat(POLICY.isExpired(expiresAt, now)).isEqualTo(expired);
    }

    @org.junit.jupiter.api.Test
    void graceAndDrafts() {
        Instant expired = Instant.parse("2028-02-29T00:00:00Z");
        assertThat(POLICY.relationshipEndAfterExpiry(expired)).isEqualTo(Instant.parse("2028-05-29T00:00:00Z"));
        Instant created = Instant.parse("2026-10-01T00:00:00Z");
        assertThat(POLICY.isAbandonedDraft(created, created.plus(Duration.ofDays(30)).minusSeconds(1))).isFalse();
        assertThat(POLICY.isAbandonedDraft(created, created.plus(Duration.ofDays(30)))).isTrue();
    }
}
