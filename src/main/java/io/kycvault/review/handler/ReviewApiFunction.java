package io.kycvault.review.handler;

import static io.kycvault.api.HttpExchange.json;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.api.ApiDispatcher;
import io.kycvault.api.ApiRoute;
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

    public static final String NAME = ApiRoute.Functions.REVIEW;
    public static final List<String> ROUTES = ApiRoute.keysOf(NAME);

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

    /** The applicant's personal data as the API shows it (not the model record). */
    public record PersonalDataView(String givenNames, String familyName, String dateOfBirth, String nationality,
            String countryOfResidence, String region, AddressView address, String taxId) {

        static PersonalDataView of(PersonalData p) {
            if (p == null) {
                return null;
            }
            var a = p.address();
            return new PersonalDataView(p.givenNames(), p.familyName(), p.dateOfBirth() == null ? null : p.dateOfBirth().toString(),
                    p.nationality(), p.countryOfResidence(), p.region(),
                    a == null ? null : new AddressView(a.line1(), a.line2(), a.postalCode(), a.city()), p.taxId());
        }
    }

    public record AddressView(String line1, String line2, String postalCode, String city) {
    }

    public record ReviewView(String caseId, String status, String country, Instant createdAt, PersonalDataView personalData,
            List<DocumentView> documents, String evidence, VoteView pendingFirstVote, LeaseView lease, List<VoteView> decisions) {
    }

    public record LinkView(String url, Instant expiresAt) {
    }

    public record Released(String caseId, boolean released) {
    }

    public record Decided(String caseId, String status, String decisionId) {
    }

    private final ApiDispatcher dispatcher;

    public ReviewApiFunction(ReadingReviewQueue queue, ClaimingCase claiming, ReadingCaseForReview reading,
            IssuingDocumentLink links, DecidingCase deciding, OriginVerification origin) {
        this.dispatcher = new ApiDispatcher(NAME, origin, Map.of(
                ApiRoute.READ_REVIEW_QUEUE, r -> json(200, queue.read(r.caller(), r.query("status"), r.query("country"),
                        r.query("assigned"), limit(r.query("limit")), r.query("cursor"))),
                ApiRoute.CLAIM_CASE, r -> {
                    var lease = claiming.claim(r.caller(), r.path("caseId"));
                    return json(200, new LeaseView(r.path("caseId"), lease.reviewer(), lease.until()));
                },
                ApiRoute.RELEASE_CLAIM, r -> {
                    claiming.release(r.caller(), r.path("caseId"));
                    return json(200, new Released(r.path("caseId"), true));
                },
                ApiRoute.READ_CASE_FOR_REVIEW, r -> json(200, view(reading.read(r.caller(), r.path("caseId")))),
                ApiRoute.ISSUE_DOCUMENT_LINK, r -> {
                    var link = links.issue(r.caller(), r.path("caseId"), r.path("documentId"));
                    return json(200, new LinkView(link.url(), link.expiresAt()));
                },
                ApiRoute.DECIDE_CASE, r -> {
                    DecisionBody b = r.body(DecisionBody.class);
                    var result = deciding.decide(r.caller(), r.path("caseId"), new DecidingCase.Request(b.decision(),
                            b.reasonCodes(), b.rating(), b.ratingExpiresOn(), b.requestedDocuments(), b.evidence()));
                    return json(200, new Decided(result.caseId(), result.status().name(), result.decisionId()));
                }));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
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
        return new ReviewView(c.caseId(), c.status().name(), c.countryOfResidence(), c.createdAt(), PersonalDataView.of(r.personalData()),
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
