package io.kycvault.lifecycle.handler;

import static io.kycvault.api.HttpExchange.json;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.api.ApiDispatcher;
import io.kycvault.api.ApiRoute;
import io.kycvault.api.OriginVerification;
import io.kycvault.lifecycle.application.ManagingRetention;
import io.kycvault.registry.application.ListingParkedRegistrations;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/** Compliance officers: legal holds, offboarding, the list of pending erasures and holds, and parked registrations. */
@Named(ComplianceApiFunction.NAME)
public class ComplianceApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = ApiRoute.Functions.COMPLIANCE;
    public static final List<String> ROUTES = ApiRoute.keysOf(NAME);

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

    private final ApiDispatcher dispatcher;

    public ComplianceApiFunction(ManagingRetention retention, ListingParkedRegistrations parked, OriginVerification origin) {
        this.dispatcher = new ApiDispatcher(NAME, origin, Map.of(
                ApiRoute.PLACE_LEGAL_HOLD, r -> {
                    String caseId = r.path("caseId");
                    retention.placeHold(r.caller(), caseId, r.body(HoldBody.class).reason());
                    return json(200, Map.of("caseId", caseId, "legalHold", true));
                },
                ApiRoute.RELEASE_LEGAL_HOLD, r -> {
                    String caseId = r.path("caseId");
                    var outcome = retention.releaseHold(r.caller(), caseId);
                    return outcome.done() ? json(200, Map.of("caseId", caseId, "legalHold", false, "proposedBy", outcome.proposedBy()))
                            : awaitingSecondOfficer(caseId, outcome, Map.of("legalHold", true));
                },
                ApiRoute.OFFBOARD, r -> {
                    String caseId = r.path("caseId");
                    var outcome = retention.offboard(r.caller(), caseId);
                    return outcome.done() ? json(200, Map.of("caseId", caseId, "retentionEndsAt", outcome.retentionEndsAt().toString(),
                            "proposedBy", outcome.proposedBy())) : awaitingSecondOfficer(caseId, outcome, Map.of());
                },
                ApiRoute.LIST_PENDING, r -> json(200, Map.of("cases", retention.pending(r.caller()))),
                ApiRoute.LIST_PARKED_REGISTRATIONS, r -> json(200, Map.of("cases", parked.list(r.caller())))));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
