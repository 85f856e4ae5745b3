package io.kycvault.casefile.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * How long things live — the one place every duration of the case file is decided: the legal retention
 * period after the business relationship ends and when that clock starts, the grace after a rating
 * expires, the renewal window, the draft age, the DynamoDB TTL backstops of drafts, upload slots and
 * wallet challenges, and how long verified evidence is locked in S3. All arithmetic is on UTC instants and UTC calendar dates, so daylight-saving
 * changes never move a deadline; a period added to 29 February lands on 28 February in a common
 * year ({@link LocalDate#plus}).
 *
 * @param retention how long records are kept after the business relationship ends (EU AML: 5 years)
 * @param expiryGrace how long an expired rating waits for a renewal before the relationship counts as ended
 * @param expiringWindow how early before expiry the applicant is asked to renew
 * @param draftMaxAge how long an unsubmitted draft (and its uploads) is kept
 */
public record RetentionPolicy(Period retention, Period expiryGrace, Duration expiringWindow, Duration draftMaxAge) {

    /** TTL backstop of a draft case item, should every lifecycle run miss it (the job purges at {@link #draftMaxAge}). */
    public static final Duration DRAFT_BACKSTOP = Duration.ofDays(60);
    /** TTL backstop of an upload slot that never settled. */
    public static final Duration SLOT_BACKSTOP = Duration.ofDays(7);
    /** TTL backstop of a wallet challenge, after its own expiry. */
    public static final Duration CHALLENGE_BACKSTOP = Duration.ofDays(1);
    /**
     * Object Lock (governance) on a verified document: longer than any retention can run (the purge at
     * the end of retention removes it with the bypass only the lifecycle function holds).
     */
    public static final Period EVIDENCE_LOCK = Period.ofYears(10);

    /** The business relationship ended at {@code at}: the retention clock starts. */
    public RetentionClock relationshipEnded(Instant at) {
        return new RetentionClock(at, retentionEndsAt(at));
    }

    /**
     * When the relationship ended and when the records may go: the retention part of the case item
     * (the lifecycle capability derives it from {@link CaseEvent.RelationshipEnded}).
     */
    public record RetentionClock(Instant relationshipEndedAt, Instant retentionEndsAt) implements CasePart {
    }

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
