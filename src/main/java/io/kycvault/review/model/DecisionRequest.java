package io.kycvault.review.model;

import io.kycvault.casefile.model.DocumentType;
import io.kycvault.shared.DomainException;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A reviewer's decision as asked for, checked — the one place for the decision input rules:
 * <ul>
 * <li>{@code decision} is APPROVE, REJECT or REQUEST_RESUBMISSION;</li>
 * <li>one to ten reason codes, each allowed for that decision ({@link ReasonTaxonomy});</li>
 * <li>only an approval carries a rating ({@value #MIN_RATING}–{@value #MAX_RATING}) and a rating expiry
 * (a date after today, within the maximum validity; the default validity when left out);</li>
 * <li>only a resubmission request names documents (at least one known document type);</li>
 * <li>{@code evidence}, when given, is the 64-hex-digit fingerprint shown with the case.</li>
 * </ul>
 */
public record DecisionRequest(VoteKind kind, List<String> reasons, Integer rating, LocalDate ratingExpiresOn,
        Set<DocumentType> requestedDocuments, String evidence) {

    public static final int MIN_RATING = 1;
    public static final int MAX_RATING = 255;
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    /** How long a rating may be valid, and how long it is when the reviewer does not say. */
    public record RatingValidity(Period byDefault, Period maximum) {
    }

    public static boolean isValidRating(int rating) {
        return rating >= MIN_RATING && rating <= MAX_RATING;
    }

    /** @throws DomainException (INVALID) with the stable code of the first rule the input breaks */
    public static DecisionRequest of(String decision, List<String> reasonCodes, Integer rating, String ratingExpiresOn,
            List<String> requestedDocuments, String evidence, ReasonTaxonomy taxonomy, RatingValidity validity, LocalDate today) {
        VoteKind kind = kind(decision);
        List<String> reasons = reasons(kind, reasonCodes, taxonomy);
        Integer checkedRating = null;
        LocalDate expiresOn = null;
        if (kind == VoteKind.APPROVE) {
            checkedRating = rating(rating);
            expiresOn = expiry(ratingExpiresOn, today, validity);
        } else if (rating != null || ratingExpiresOn != null) {
            throw DomainException.invalid("RATING_NOT_ALLOWED", "only approvals carry a rating and its expiry");
        }
        Set<DocumentType> requested = kind == VoteKind.REQUEST_RESUBMISSION ? requested(requestedDocuments) : Set.of();
        if (kind != VoteKind.REQUEST_RESUBMISSION && requestedDocuments != null) {
            throw DomainException.invalid("DOCUMENTS_NOT_ALLOWED", "only resubmission requests name documents");
        }
        if (evidence != null && !FINGERPRINT.matcher(evidence).matches()) {
            throw DomainException.invalid("INVALID_EVIDENCE", "evidence must be the fingerprint shown with the case (64 lower-case hex digits)");
        }
        return new DecisionRequest(kind, reasons, checkedRating, expiresOn, requested, evidence);
    }

    private static VoteKind kind(String raw) {
        try {
            return VoteKind.valueOf(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.invalid("INVALID_DECISION", "decision must be APPROVE, REJECT or REQUEST_RESUBMISSION");
        }
    }

    private static List<String> reasons(VoteKind kind, List<String> codes, ReasonTaxonomy taxonomy) {
        if (codes == null || codes.isEmpty()) {
            throw DomainException.invalid("REASONS_REQUIRED", "a decision needs at least one reason code");
        }
        if (codes.size() > 10 || codes.stream().anyMatch(c -> c == null || c.length() > 64)) {
            throw DomainException.invalid("UNKNOWN_REASON_CODE", "at most 10 reason codes, each from the list for " + kind + ": "
                    + String.join(", ", taxonomy.allowed(kind)));
        }
        String unknown = taxonomy.firstUnknown(kind, codes);
        if (unknown != null) {
            String shown = (unknown.length() > 64 ? unknown.substring(0, 64) : unknown).replaceAll("[^A-Z0-9_]", "?");
            throw DomainException.invalid("UNKNOWN_REASON_CODE", "reason code not allowed for " + kind + ": " + shown
                    + "; allowed: " + String.join(", ", taxonomy.allowed(kind)));
        }
        return codes.stream().distinct().toList();
    }

    private static int rating(Integer rating) {
        if (rating == null || !isValidRating(rating)) {
            throw DomainException.invalid("INVALID_RATING", "an approval needs a rating from " + MIN_RATING + " to " + MAX_RATING);
        }
        return rating;
    }

    private static LocalDate expiry(String raw, LocalDate today, RatingValidity validity) {
        if (raw == null) {
            return today.plus(validity.byDefault());
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("INVALID_DATE", "ratingExpiresOn must be a date written YYYY-MM-DD");
        }
        if (!date.isAfter(today) || date.isAfter(today.plus(validity.maximum()))) {
            throw DomainException.invalid("INVALID_RATING_EXPIRY", "ratingExpiresOn must be after today and within "
                    + validity.maximum());
        }
        return date;
    }

    private static Set<DocumentType> requested(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw DomainException.invalid("DOCUMENTS_REQUIRED", "a resubmission request names the documents to provide");
        }
        Set<DocumentType> types = EnumSet.noneOf(DocumentType.class);
        for (String t : raw) {
            try {
                types.add(DocumentType.valueOf(t));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw DomainException.invalid("INVALID_DOC_TYPE", "requestedDocuments must be document types: "
                        + java.util.Arrays.toString(DocumentType.values()));
            }
        }
        return types;
    }
}
