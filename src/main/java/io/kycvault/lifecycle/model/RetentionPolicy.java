package io.kycvault.lifecycle.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * How long things live. All arithmetic is on UTC instants and UTC calendar dates, so daylight-saving
 * changes never move a deadline; a period added to 29 February lands on 28 February in a common
 * year ({@link LocalDate#plus}).
 *
 * @param retention how long records are kept after the business relationship ends (EU AML: 5 years)
 * @param expiryGrace how long an expired rating waits for a renewal before the relationship counts as ended
 * @param expiringWindow how early before expiry the applicant is asked to renew
 * @param draftMaxAge how long an unsubmitted draft (and its uploads) is kept
 */
public record RetentionPolicy(Period retention, Period expiryGrace, Duration expiringWindow, Duration draftMaxAge) {

    public Instant retentionEndsAt(Instant relationshipEnd) {
        return plus(relationshipEnd, retention);
    }

    /** When an expired rating without renewal ends the business relationship. */
    public Instant relationshipEndAfterExpiry(Instant ratingExpiresAt) {
        return plus(ratingExpiresAt, expiryGrace);
    }

    public boolean isExpiring(Instant ratingExpiresAt, Instant now) {
        return ratingExpiresAt.isAfter(now) && !ratingExpiresAt.isAfter(now.plus(expiringWindow));
    }

    public boolean isExpired(Instant ratingExpiresAt, Instant now) {
        return !ratingExpiresAt.isAfter(now);
    }

    public boolean isAbandonedDraft(Instant createdAt, Instant now) {
        return !createdAt.plus(draftMaxAge).isAfter(now);
    }

    static Instant plus(Instant instant, Period period) {
        var utc = instant.atZone(ZoneOffset.UTC);
        return utc.toLocalDate().plus(period).atTime(utc.toLocalTime()).toInstant(ZoneOffset.UTC);
    }
}
