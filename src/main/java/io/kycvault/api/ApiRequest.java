package io.kycvault.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.kycvault.identity.Caller;
import java.util.Map;

/** One request as a route's action sees it: the authenticated caller, path and query parameters, the strictly parsed body. */
public record ApiRequest(APIGatewayV2HTTPEvent event, Caller caller) {

    /** A path parameter of the route ({@code caseId}, {@code documentId}); the use cases refuse unknown or malformed ids. */
    public String path(String name) {
        return HttpExchange.pathParameter(event, name).orElse(null);
    }

    public String query(String name) {
        Map<String, String> q = event.getQueryStringParameters();
        return q == null ? null : q.get(name);
    }

    /** The JSON body read strictly into an API record ({@link HttpExchange#body}). */
    public <T> T body(Class<T> type) {
        return HttpExchange.body(event, type);
    }
}
