package io.kycvault.intake.handler;

import static io.kycvault.api.HttpExchange.json;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.api.ApiDispatcher;
import io.kycvault.api.ApiRoute;
import io.kycvault.api.OriginVerification;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.intake.application.OpeningCase;
import io.kycvault.intake.application.PresigningUpload;
import io.kycvault.intake.application.SubmittingCase;
import io.kycvault.intake.application.ViewingOwnCase;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.MalwareGate;
import io.kycvault.intake.model.PersonalData;
import io.kycvault.shared.DomainException;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The applicant's routes. Thin: parse, call one use case, map the result. */
@Named(IntakeApiFunction.NAME)
public class IntakeApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = ApiRoute.Functions.INTAKE;
    public static final List<String> ROUTES = ApiRoute.keysOf(NAME);

    public record AddressBody(String line1, String line2, String postalCode, String city) {
    }

    public record OpenCaseBody(String givenNames, String familyName, String dateOfBirth, String nationality,
            String countryOfResidence, String region, AddressBody address, String taxId) {
    }

    public record PresignBody(String docType, String contentType, Long contentLength, String sha256) {
    }

    public record CaseCreated(String caseId, String status) {
    }

    /**
     * {@code reviewable}: structurally verified and scanned clean, this exact version; otherwise
     * {@code reasonCode}/{@code reason} say why not (a rejection, MALWARE_FOUND, SCAN_PENDING, SCAN_OVERDUE, ...).
     */
    public record DocumentView(String documentId, String docType, String status, boolean reviewable, String reasonCode,
            String reason, String scanResult, Instant presignedAt, Instant settledAt) {
    }

    public record ResubmissionView(Instant requestedAt, List<String> documents, List<String> reasonCodes) {
    }

    public record CaseView(String caseId, String status, Instant createdAt, Instant updatedAt, List<DocumentView> documents,
            ResubmissionView resubmission) {
    }

    public record UploadInstructions(String documentId, String method, String uploadUrl, Map<String, String> headers,
            Instant expiresAt) {
    }

    private final ApiDispatcher dispatcher;

    public IntakeApiFunction(OpeningCase opening, ViewingOwnCase viewing, PresigningUpload presigning, SubmittingCase submitting,
            OriginVerification origin) {
        this.dispatcher = new ApiDispatcher(NAME, origin, Map.of(
                ApiRoute.OPEN_CASE, r -> {
                    KycCase created = opening.open(r.caller(), personalData(r.body(OpenCaseBody.class)));
                    return json(201, new CaseCreated(created.caseId(), created.status().name()));
                },
                ApiRoute.READ_OWN_CASE, r -> json(200, view(viewing.view(r.caller(), r.path("caseId")))),
                ApiRoute.PRESIGN_UPLOAD, r -> {
                    PresignBody b = r.body(PresignBody.class);
                    var issued = presigning.presign(r.caller(), r.path("caseId"), new PresigningUpload.Request(b.docType(),
                            b.contentType(), b.contentLength() == null ? -1 : b.contentLength(), b.sha256()));
                    return json(201, new UploadInstructions(issued.documentId(), "PUT", issued.upload().url(),
                            issued.upload().headers(), issued.upload().expiresAt()));
                },
                ApiRoute.SUBMIT_CASE, r -> {
                    KycCase submitted = submitting.submit(r.caller(), r.path("caseId"));
                    return json(200, new CaseCreated(submitted.caseId(), submitted.status().name()));
                }));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }

    private static PersonalData personalData(OpenCaseBody b) {
        LocalDate birth = null;
        if (b.dateOfBirth() != null) {
            try {
                birth = LocalDate.parse(b.dateOfBirth());
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("INVALID_DATE", "dateOfBirth must be a real date written YYYY-MM-DD");
            }
        }
        AddressBody a = b.address();
        return new PersonalData(b.givenNames(), b.familyName(), birth, b.nationality(), b.countryOfResidence(), b.region(),
                a == null ? null : new PersonalData.Address(a.line1(), a.line2(), a.postalCode(), a.city()), b.taxId());
    }

    private static CaseView view(ViewingOwnCase.CaseView v) {
        List<DocumentView> documents = v.documents().stream().map(d -> view(d, v.readiness().get(d.documentId()))).toList();
        KycCase c = v.kycCase();
        var r = c.resubmission();
        return new CaseView(c.caseId(), c.status().name(), c.createdAt(), c.updatedAt(), documents,
                r == null ? null : new ResubmissionView(r.requestedAt(), r.documents().stream().map(Enum::name).sorted().toList(),
                        r.reasonCodes()));
    }

    private static DocumentView view(Document d, MalwareGate.Readiness readiness) {
        return new DocumentView(d.documentId(), d.type().name(), d.status().name(), readiness.reviewable(), readiness.code(),
                readiness.message(), d.scan() != null && d.scan().isAbout(d.versionId()) ? d.scan().result().name() : null,
                d.presignedAt(), d.settledAt());
    }
}
