package io.kycvault.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.identity.Caller;
import java.util.EnumMap;
import java.util.Map;

/**
 * What every API function does with an event, in one place: the origin check, the caller from the
 * authorizer's claims, the route from {@link ApiRoute}'s table (only this function's routes), the
 * route's audience, then the route's action; every outcome becomes JSON through
 * {@link HttpExchange#respond}, the one exception-to-{@code {code, message}} mapping.
 */
public final class ApiDispatcher {

    /** A route's action: one use case call and its response. */
    @FunctionalInterface
    public interface Action {
        APIGatewayV2HTTPResponse handle(ApiRequest request);
    }

    private final String function;
    private final OriginVerification origin;
    private final Map<ApiRoute, Action> actions;

    /** @throws IllegalStateException unless {@code actions} has exactly the routes the table gives {@code function} */
    public ApiDispatcher(String function, OriginVerification origin, Map<ApiRoute, Action> actions) {
        if (actions.isEmpty() || !actions.keySet().equals(ApiRoute.of(function))) {
            throw new IllegalStateException(function + " must serve exactly its routes " + ApiRoute.of(function) + ", not " + actions.keySet());
        }
        this.function = function;
        this.origin = origin;
        this.actions = new EnumMap<>(actions);
    }

    public APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event) {
        return HttpExchange.respond(() -> {
            origin.check(event);
            Caller caller = HttpExchange.caller(event);
            ApiRoute route = ApiRoute.byKey(event.getRouteKey()).filter(r -> r.function().equals(function)).orElse(null);
            if (route == null) {
                return HttpExchange.error(404, new ApiError("ROUTE_NOT_FOUND", "no such route"));
            }
            route.audience().admit(caller);
            return actions.get(route).handle(new ApiRequest(event, caller));
        });
    }
}
