package io.kycvault.review.handler;

import static io.kycvault.api.HttpExchange.body;
import static io.kycvault.api.HttpExchange.caller;
import static io.kycvault.api.HttpExchange.json;
import static io.kycvault.api.HttpExchange.respond;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.api.ApiError;
import io.kycvault.api.HttpExchange;
import io.kycvault.api.OriginVerification;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.MalwareGate;
import io.kycvault.intake.model.PersonalData;
import io.kycvault.review.application.ClaimingCase;
import io.kycvault.review.application.DecidingCase;
import io.kycvault.review.application.IssuingDocumentLink;
import io.kycvault.review.application.ReadingCaseForReview;
import io.kycvault.review.application.ReadingReviewQueue;
import io.kycvault.review.model.Vote;
import io.kycvault.shared.DomainException;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The reviewers' routes. Thin: parse, call one use case, map the result. */
@Named(ReviewApiFunction.NAME)
public class ReviewApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = "review-api";
    public static final List<String> ROUTES = List.of(
            "GET /review/queue",
            "POST /review/cases/{caseId}/claim",
            "DELETE /review/cases/{caseId}/claim",
            "GET /review/cases/{caseId}",
            "POST /review/cases/{caseId}/documents/{documentId}/view",
            "POST /review/cases/{caseId}/decisions");

    public record DecisionBody(String decision, List<String> reasonCodes, Integer rating, String ratingExpiresOn,
            List<String> requestedDocuments, String evidence) {
    }

    public record LeaseView(String caseId, String reviewer, Instant until) {
    }

    /** {@code reviewable}: a view link will be issued; otherwise {@code reasonCode}/{@code reason} say why not. */
    public record DocumentView(String documentId, String docType, String status, boolean reviewable, String contentType,
            long contentLength, String sha256, String versionId, String reasonCode, String reason, String scanResult,
            Instant settledAt) {
    }

    public record VoteView(String decisionId, String reviewer, String decision, List<String> reasonCodes, Integer rating,
            String ratingExpiresOn, String evidence, Instant at) {
    }

    public record ReviewView(String caseId, String status, String country, Instant createdAt, PersonalData personalData,
            List<DocumentView> documents, String evidence, VoteView pendingFirstVote, LeaseView lease, List<VoteView> decisions) {
    }

    public record LinkView(String url, Instant expiresAt) {
    }

    private final ReadingReviewQueue queue;
    private final ClaimingCase claiming;
    private final ReadingCaseForReview reading;
    private final IssuingDocumentLink links;
    private final DecidingCase deciding;
    private final OriginVerification origin;

    public ReviewApiFunction(ReadingReviewQueue queue, ClaimingCase claiming, ReadingCaseForReview reading,
            IssuingDocumentLink links, DecidingCase deciding, OriginVerification origin) {
        this.queue = queue;
        this.claiming = claiming;
        this.reading = reading;
        this.links = links;
        this.deciding = deciding;
        this.origin = origin;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return respond(() -> {
            origin.check(event);
            var caller = caller(event);
            String caseId = HttpExchange.pathParameter(event, "caseId").orElse(null);
            return switch (String.valueOf(event.getRouteKey())) {
                case "GET /review/queue" -> {
                    Map<String, String> q = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
                    yield json(200, queue.read(caller, q.get("status"), q.get("country"), q.get("assigned"), limit(q.get("limit")),
                            q.get("cursor")));
                }
                case "POST /review/cases/{caseId}/claim" -> {
                    var lease = claiming.claim(caller, caseId);
                    yield json(200, new LeaseView(caseId, lease.reviewer(), lease.until()));
                }
                case "DELETE /review/cases/{caseId}/claim" -> {
                    claiming.release(caller, caseId);
                    yield json(200, Map.of("caseId", caseId, "released", true));
                }
                case "GET /review/cases/{caseId}" -> json(200, view(reading.read(caller, caseId)));
                case "POST /review/cases/{caseId}/documents/{documentId}/view" -> {
                    var link = links.issue(caller, caseId, HttpExchange.pathParameter(event, "documentId").orElse(null));
                    yield json(200, new LinkView(link.url(), link.expiresAt()));
                }
                case "POST /review/cases/{caseId}/decisions" -> {
                    DecisionBody b = body(event, DecisionBody.class);
                    var result = deciding.decide(caller, caseId, new DecidingCase.Request(b.decision(), b.reasonCodes(),
                            b.rating(), b.ratingExpiresOn(), b.requestedDocuments(), b.evidence()));
                    yield json(200, Map.of("caseId", result.caseId(), "status", result.status().name(),
                            "decisionId", result.decisionId()));
                }
                default -> HttpExchange.error(404, new ApiError("ROUTE_NOT_FOUND", "no such route"));
            };
        });
    }

    private static Integer limit(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Integer.valueOf(raw);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("INVALID_LIMIT", "limit must be a number");
        }
    }

    private static ReviewView view(ReadingCaseForReview.CaseForReview r) {
        var c = r.file().kycCase();
        var lease = r.file().lease();
        return new ReviewView(c.caseId(), c.status().name(), c.countryOfResidence(), c.createdAt(), r.personalData(),
                r.documents().stream().map(d -> view(d, r.readiness().get(d.documentId()))).toList(), r.evidence(),
                r.file().firstVote() == null ? null : view(r.file().firstVote()),
                lease == null ? null : new LeaseView(c.caseId(), lease.reviewer(), lease.until()),
                r.decisions().stream().map(ReviewApiFunction::view).toList());
    }

    private static DocumentView view(Document d, MalwareGate.Readiness readiness) {
        return new DocumentView(d.documentId(), d.type().name(), d.status().name(), readiness.reviewable(), d.contentType(),
                d.contentLength(), d.sha256(), d.versionId(), readiness.code(), readiness.message(),
                d.scan() != null && d.scan().isAbout(d.versionId()) ? d.scan().result().name() : null, d.settledAt());
    }

    private static VoteView view(Vote v) {
        return new VoteView(v.decisionId(), v.reviewer(), v.kind().name(), v.reasonCodes(), v.rating(),
                v.ratingExpiresOn() == null ? null : v.ratingExpiresOn().toString(), v.evidence(), v.at());
    }
}
