package io.kycvault.lifecycle.handler;

import static io.kycvault.api.HttpExchange.json;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.api.ApiDispatcher;
import io.kycvault.api.ApiRoute;
import io.kycvault.api.OriginVerification;
import io.kycvault.lifecycle.application.ManagingDataSubjectRights;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/** The data subject's routes: a copy of everything held, and erasure. */
@Named(PrivacyApiFunction.NAME)
public class PrivacyApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = ApiRoute.Functions.PRIVACY;
    public static final List<String> ROUTES = ApiRoute.keysOf(NAME);

    private final ApiDispatcher dispatcher;

    public PrivacyApiFunction(ManagingDataSubjectRights rights, OriginVerification origin) {
        this.dispatcher = new ApiDispatcher(NAME, origin, Map.of(
                ApiRoute.EXPORT_OWN_DATA, r -> json(200, rights.export(r.caller())),
                ApiRoute.ERASE_OWN_DATA, r -> json(202, rights.erase(r.caller()))));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
