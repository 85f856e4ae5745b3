package io.kycvault.lifecycle.handler;

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
import io.kycvault.lifecycle.application.ManagingDataSubjectRights;
import jakarta.inject.Named;
import java.util.List;

/** The data subject's routes: a copy of everything held, and erasure. */
@Named(PrivacyApiFunction.NAME)
public class PrivacyApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = "privacy-api";
    public static final List<String> ROUTES = List.of("GET /me/export", "DELETE /me");

    private final ManagingDataSubjectRights rights;
    private final OriginVerification origin;

    public PrivacyApiFunction(ManagingDataSubjectRights rights, OriginVerification origin) {
        this.rights = rights;
        this.origin = origin;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return respond(() -> {
            origin.check(event);
            var caller = caller(event);
            return switch (String.valueOf(event.getRouteKey())) {
                case "GET /me/export" -> json(200, rights.export(caller));
                case "DELETE /me" -> json(202, rights.erase(caller));
                default -> HttpExchange.error(404, new ApiError("ROUTE_NOT_FOUND", "no such route"));
            };
        });
    }
}
