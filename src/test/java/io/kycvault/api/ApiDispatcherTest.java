package io.kycvault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one dispatch path of every API function: route from the table, the route's group, one error mapping. */
class ApiDispatcherTest {

    private final List<ApiRoute> called = new ArrayList<>();

    private ApiDispatcher dispatcher(String function) {
        Map<ApiRoute, ApiDispatcher.Action> actions = new EnumMap<>(ApiRoute.class);
        for (ApiRoute route : ApiRoute.of(function)) {
            actions.put(route, r -> {
                called.add(route);
                return HttpExchange.json(200, Map.of("route", route.name(), "caller", r.caller().subject()));
            });
        }
        return new ApiDispatcher(function, OriginVerification.off(), actions);
    }

    static APIGatewayV2HTTPEvent event(String routeKey, String subject, String groups) {
        Map<String, String> claims = new java.util.HashMap<>();
        claims.put("sub", subject);
        if (groups != null) {
            claims.put("cognito:groups", groups);
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                                .build())
                        .build())
                .build();
    }

    @Test
    void aRouteIsServedByItsActionWhenTheCallerIsInItsGroup() {
        APIGatewayV2HTTPResponse response = dispatcher(ApiRoute.Functions.REVIEW)
                .dispatch(event("GET /review/queue", "rita", "[kyc-reviewer]"));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(called).containsExactly(ApiRoute.READ_REVIEW_QUEUE);
    }

    @Test
    void aCallerOutsideTheRoutesGroupIsRefusedBeforeTheUseCaseRuns() {
        var review = dispatcher(ApiRoute.Functions.REVIEW).dispatch(event("POST /review/cases/{caseId}/claim", "alice", null));
        assertThat(review.getStatusCode()).isEqualTo(403);
        assertThat(review.getBody()).contains("\"code\":\"NOT_A_REVIEWER\"").contains("kyc-reviewer");
        var audit = dispatcher(ApiRoute.Functions.AUDIT).dispatch(event("GET /audit/cases/{caseId}", "rita", "[kyc-reviewer]"));
        assertThat(audit.getStatusCode()).isEqualTo(403);
        assertThat(audit.getBody()).contains("\"code\":\"NOT_COMPLIANCE\"");
        assertThat(called).isEmpty();
    }

    @Test
    void anotherFunctionsRouteOrAnUnknownOneIsNotFound() {
        var intake = dispatcher(ApiRoute.Functions.INTAKE);
        for (String key : new String[] {"GET /review/queue", "GET /admin", null}) {
            var response = intake.dispatch(event(key, "alice", null));
            assertThat(response.getStatusCode()).as(String.valueOf(key)).isEqualTo(404);
            assertThat(response.getBody()).contains("\"code\":\"ROUTE_NOT_FOUND\"");
        }
        assertThat(called).isEmpty();
    }

    @Test
    void noClaimsIsUnauthenticatedAndAFailingActionIsAnInternalErrorWithoutDetails() {
        var noClaims = dispatcher(ApiRoute.Functions.PRIVACY).dispatch(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /me/export").build());
        assertThat(noClaims.getStatusCode()).isEqualTo(401);
        assertThat(noClaims.getBody()).contains("\"code\":\"UNAUTHENTICATED\"");

        Map<ApiRoute, ApiDispatcher.Action> failing = new EnumMap<>(ApiRoute.class);
        failing.put(ApiRoute.EXPORT_OWN_DATA, r -> {
            throw new IllegalStateException("secret detail at io.kycvault.Foo");
        });
        failing.put(ApiRoute.ERASE_OWN_DATA, r -> HttpExchange.json(202, Map.of()));
        var fault = new ApiDispatcher(ApiRoute.Functions.PRIVACY, OriginVerification.off(), failing)
                .dispatch(event("GET /me/export", "alice", null));
        assertThat(fault.getStatusCode()).isEqualTo(500);
        assertThat(fault.getBody()).contains("\"code\":\"INTERNAL\"").doesNotContain("secret").doesNotContain("io.kycvault");
    }

    @Test
    void aFunctionMustServeExactlyItsRoutesFromTheTable() {
        Map<ApiRoute, ApiDispatcher.Action> partial = new EnumMap<>(ApiRoute.class);
        partial.put(ApiRoute.OPEN_CASE, r -> null);
        assertThatThrownBy(() -> new ApiDispatcher(ApiRoute.Functions.INTAKE, OriginVerification.off(), partial))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("READ_OWN_CASE");
        Map<ApiRoute, ApiDispatcher.Action> foreign = new EnumMap<>(ApiRoute.class);
        ApiRoute.of(ApiRoute.Functions.PRIVACY).forEach(r -> foreign.put(r, x -> null));
        foreign.put(ApiRoute.OPEN_CASE, r -> null);
        assertThatThrownBy(() -> new ApiDispatcher(ApiRoute.Functions.PRIVACY, OriginVerification.off(), foreign))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTableDeclaresEachRouteOnceAndEveryFunctionHasRoutes() {
        assertThat(java.util.Arrays.stream(ApiRoute.values()).map(ApiRoute::key)).doesNotHaveDuplicates();
        for (String function : List.of(ApiRoute.Functions.INTAKE, ApiRoute.Functions.WALLET, ApiRoute.Functions.REVIEW,
                ApiRoute.Functions.AUDIT, ApiRoute.Functions.PRIVACY, ApiRoute.Functions.COMPLIANCE)) {
            assertThat(ApiRoute.keysOf(function)).as(function).isNotEmpty();
        }
        assertThat(ApiRoute.byKey("POST /cases")).contains(ApiRoute.OPEN_CASE);
    }
}
