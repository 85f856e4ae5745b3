package io.kycvault.review.application;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.identity.Caller;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The reviewers' work list: oldest first, by status and country, paginated with an opaque cursor. */
@ApplicationScoped
public class ReadingReviewQueue {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CURSOR_KEYS = Set.of("pk", "sk", "gsi2pk", "gsi2sk");

    private final ReviewStore store;
    private final ReviewConfig config;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ReadingReviewQueue(ReviewStore store, ReviewConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    public record Page(java.util.List<QueueCase> cases, String nextCursor) {
    }

    /**
     * One case of the queue as a reviewer sees it: due {@code serviceLevel} after its latest (re)submission
     * (its creation for a case queued before submissions were recorded), overdue after that; who holds it.
     */
    public record QueueCase(String caseId, String applicantId, String status, String country, String createdAt, String updatedAt,
            String submittedAt, String dueAt, boolean overdue, String claimedBy, String claimedUntil) {
    }

    /** Whose cases: everyone's (null), the caller's live leases ({@code mine}), or none held ({@code unassigned}). */
    public enum Assignment { MINE, UNASSIGNED }

    public Page read(Caller caller, String status, String country, String assigned, Integer limit, String cursor) {
        ReviewAccess.requireReviewer(caller);
        Assignment assignment = assignment(assigned);
        String queue = status == null ? CaseStatus.IN_REVIEW.name() : status;
        if (java.util.Arrays.stream(CaseStatus.values()).noneMatch(s -> s.isUnderReview() && s.name().equals(queue))) {
            throw DomainException.invalid("INVALID_STATUS", "status must be IN_REVIEW, PENDING_SECOND_APPROVAL or PENDING_SECOND_REJECTION");
        }
        if (country != null && !COUNTRIES.contains(country)) {
            throw DomainException.invalid("INVALID_COUNTRY", "country must be an ISO 3166-1 alpha-2 code");
        }
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw DomainException.invalid("INVALID_LIMIT", "limit must be between 1 and " + config.maxPageSize());
        }
        Map<String, String> start = cursor == null ? null : decode(cursor, queue);
        var page = store.queue(queue, country, size, start);
        Instant now = clock.instant();
        // Like the own-case exclusion, the assignment filter applies to the page read: a page may come back
        // shorter than the limit (even empty) with a cursor to continue.
        var visible = page.entries().stream()
                .filter(e -> !caller.subject().equals(e.applicantId()))
                .map(e -> view(e, now))
                .filter(c -> assignment == null
                        || (assignment == Assignment.MINE ? caller.subject().equals(c.claimedBy()) : c.claimedBy() == null))
                .toList();
        return new Page(visible, page.nextCursor() == null ? null : encode(page.nextCursor()));
    }

    private QueueCase view(ReviewStore.QueueEntry e, Instant now) {
        String from = e.submittedAt() != null ? e.submittedAt() : e.createdAt();
        Instant due = Instant.parse(from).plus(config.serviceLevel());
        boolean live = e.leaseHolder() != null && e.leaseUntil() != null && Instant.parse(e.leaseUntil()).isAfter(now);
        return new QueueCase(e.caseId(), e.applicantId(), e.status(), e.country(), e.createdAt(), e.updatedAt(), e.submittedAt(),
                due.toString(), now.isAfter(due), live ? e.leaseHolder() : null, live ? e.leaseUntil() : null);
    }

    private static Assignment assignment(String assigned) {
        if (assigned == null || assigned.isEmpty()) {
            return null;
        }
        return switch (assigned) {
            case "mine" -> Assignment.MINE;
            case "unassigned" -> Assignment.UNASSIGNED;
            default -> throw DomainException.invalid("INVALID_ASSIGNMENT", "assigned must be mine or unassigned");
        };
    }

    private String encode(Map<String, String> key) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(key));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor comes back from the client: accept only a key of this very queue index. */
    private Map<String, String> decode(String cursor, String queue) {
        try {
            if (cursor.length() > 1024) {
                throw new IllegalArgumentException("too long");
            }
            Map<String, String> key = json.readValue(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)),
                    new TypeReference<Map<String, String>>() { });
            if (!key.keySet().equals(CURSOR_KEYS) || !("QUEUE#" + queue).equals(key.get("gsi2pk"))
                    || !key.get("pk").startsWith("CASE#") || !"CASE".equals(key.get("sk"))) {
                throw new IllegalArgumentException("not a cursor of this queue");
            }
            return key;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw DomainException.invalid("INVALID_CURSOR", "the cursor is not one this API issued for this queue");
        }
    }
}
