package io.kycvault.lifecycle.handler;

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
import io.kycvault.lifecycle.application.ManagingRetention;
import io.kycvault.registry.application.ListingParkedRegistrations;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/** Compliance officers: legal holds, offboarding, the list of pending erasures and holds, and parked registrations. */
@Named(ComplianceApiFunction.NAME)
public class ComplianceApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = "compliance-api";
    public static final List<String> ROUTES = List.of(
            "POST /compliance/cases/{caseId}/legal-hold",
            "DELETE /compliance/cases/{caseId}/legal-hold",
            "POST /compliance/cases/{caseId}/offboard",
            "GET /compliance/pending",
            "GET /compliance/registrations/parked");

    public record HoldBody(String reason) {
    }

    /** 202: recorded as a proposal; another compliance officer makes the same call to carry it out. */
    private static APIGatewayV2HTTPResponse awaitingSecondOfficer(String caseId, ManagingRetention.Outcome outcome,
            Map<String, Object> state) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(state);
        body.put("caseId", caseId);
        body.put("awaiting", "SECOND_OFFICER");
        body.put("proposedBy", outcome.proposedBy());
        body.put("confirmBy", outcome.confirmBy().toString());
        return json(202, body);
    }

    private final ManagingRetention retention;
    private final ListingParkedRegistrations parked;
    private final OriginVerification origin;

    public ComplianceApiFunction(ManagingRetention retention, ListingParkedRegistrations parked, OriginVerification origin) {
        this.retention = retention;
        this.parked = parked;
        this.origin = origin;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return respond(() -> {
            origin.check(event);
            var caller = caller(event);
            String caseId = HttpExchange.pathParameter(event, "caseId").orElse(null);
            return switch (String.valueOf(event.getRouteKey())) {
                case "POST /compliance/cases/{caseId}/legal-hold" -> {
                    retention.placeHold(caller, caseId, body(event, HoldBody.class).reason());
                    yield json(200, Map.of("caseId", caseId, "legalHold", true));
                }
                case "DELETE /compliance/cases/{caseId}/legal-hold" -> {
                    var outcome = retention.releaseHold(caller, caseId);
                    yield outcome.done() ? json(200, Map.of("caseId", caseId, "legalHold", false, "proposedBy", outcome.proposedBy()))
                            : awaitingSecondOfficer(caseId, outcome, Map.of("legalHold", true));
                }
                case "POST /compliance/cases/{caseId}/offboard" -> {
                    var outcome = retention.offboard(caller, caseId);
                    yield outcome.done() ? json(200, Map.of("caseId", caseId, "retentionEndsAt", outcome.retentionEndsAt().toString(),
                            "proposedBy", outcome.proposedBy())) : awaitingSecondOfficer(caseId, outcome, Map.of());
                }
                case "GET /compliance/pending" -> json(200, Map.of("cases", retention.pending(caller)));
                case "GET /compliance/registrations/parked" -> json(200, Map.of("cases", parked.list(caller)));
                default -> HttpExchange.error(404, new ApiError("ROUTE_NOT_FOUND", "no such route"));
            };
        });
    }
}
