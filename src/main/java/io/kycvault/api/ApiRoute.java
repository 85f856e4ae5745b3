package io.kycvault.api;

import io.kycvault.identity.Caller;
import io.kycvault.shared.DomainException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The route table: every HTTP route of the API, declared once, with the function that serves it and
 * who may call it. The API functions dispatch from it ({@link ApiDispatcher}), the local gateway
 * registers it, and {@code ApiDescriptionTest} holds it against template.yaml's HttpApi events and
 * docs/openapi.yaml, both ways.
 */
public enum ApiRoute {

    OPEN_CASE("POST", "/cases", Functions.INTAKE, Audience.ANY_CALLER),
    READ_OWN_CASE("GET", "/cases/{caseId}", Functions.INTAKE, Audience.ANY_CALLER),
    PRESIGN_UPLOAD("POST", "/cases/{caseId}/documents", Functions.INTAKE, Audience.ANY_CALLER),
    SUBMIT_CASE("POST", "/cases/{caseId}/submit", Functions.INTAKE, Audience.ANY_CALLER),

    ISSUE_WALLET_CHALLENGE("POST", "/cases/{caseId}/wallets/challenge", Functions.WALLET, Audience.ANY_CALLER),
    PROVE_WALLET("POST", "/cases/{caseId}/wallets", Functions.WALLET, Audience.ANY_CALLER),

    READ_REVIEW_QUEUE("GET", "/review/queue", Functions.REVIEW, Audience.REVIEWER),
    CLAIM_CASE("POST", "/review/cases/{caseId}/claim", Functions.REVIEW, Audience.REVIEWER),
    RELEASE_CLAIM("DELETE", "/review/cases/{caseId}/claim", Functions.REVIEW, Audience.REVIEWER),
    READ_CASE_FOR_REVIEW("GET", "/review/cases/{caseId}", Functions.REVIEW, Audience.REVIEWER),
    ISSUE_DOCUMENT_LINK("POST", "/review/cases/{caseId}/documents/{documentId}/view", Functions.REVIEW, Audience.REVIEWER),
    DECIDE_CASE("POST", "/review/cases/{caseId}/decisions", Functions.REVIEW, Audience.REVIEWER),

    VERIFY_AUDIT_TRAIL("GET", "/audit/cases/{caseId}", Functions.AUDIT, Audience.COMPLIANCE),
    FIND_MENTIONS("GET", "/audit/cases/{caseId}/mentions", Functions.AUDIT, Audience.COMPLIANCE),
    VERIFY_ALL_AUDIT_TRAILS("GET", "/audit/verification", Functions.AUDIT, Audience.COMPLIANCE),

    EXPORT_OWN_DATA("GET", "/me/export", Functions.PRIVACY, Audience.ANY_CALLER),
    ERASE_OWN_DATA("DELETE", "/me", Functions.PRIVACY, Audience.ANY_CALLER),

    PLACE_LEGAL_HOLD("POST", "/compliance/cases/{caseId}/legal-hold", Functions.COMPLIANCE, Audience.COMPLIANCE),
    RELEASE_LEGAL_HOLD("DELETE", "/compliance/cases/{caseId}/legal-hold", Functions.COMPLIANCE, Audience.COMPLIANCE),
    OFFBOARD("POST", "/compliance/cases/{caseId}/offboard", Functions.COMPLIANCE, Audience.COMPLIANCE),
    LIST_PENDING("GET", "/compliance/pending", Functions.COMPLIANCE, Audience.COMPLIANCE),
    LIST_PARKED_REGISTRATIONS("GET", "/compliance/registrations/parked", Functions.COMPLIANCE, Audience.COMPLIANCE);

    /** The API functions' handler names (QUARKUS_LAMBDA_HANDLER); each handler's {@code @Named} uses the same constant. */
    public static final class Functions {
        public static final String INTAKE = "intake-api";
        public static final String WALLET = "wallet-api";
        public static final String REVIEW = "review-api";
        public static final String AUDIT = "audit-api";
        public static final String PRIVACY = "privacy-api";
        public static final String COMPLIANCE = "compliance-api";

        private Functions() {
        }
    }

    /**
     * Who may call a route, read from the authorizer's {@code cognito:groups} claim here and nowhere
     * else at the edge; a caller outside the group gets 403 with the audience's stable code.
     */
    public enum Audience {
        /** Any signed-in caller: an applicant acts on their own cases and data only (the use cases check ownership). */
        ANY_CALLER(null, null, null),
        REVIEWER(Caller.REVIEWER, "NOT_A_REVIEWER", "this route is for KYC reviewers (group kyc-reviewer)"),
        COMPLIANCE(Caller.COMPLIANCE, "NOT_COMPLIANCE", "this route is for compliance officers (group kyc-compliance)");

        private final String group;
        private final String refusal;
        private final String message;

        Audience(String group, String refusal, String message) {
            this.group = group;
            this.refusal = refusal;
            this.message = message;
        }

        /** The group a caller must belong to, if any. */
        public Optional<String> group() {
            return Optional.ofNullable(group);
        }

        public Optional<String> refusalCode() {
            return Optional.ofNullable(refusal);
        }

        void admit(Caller caller) {
            if (group != null && !caller.groups().contains(group)) {
                throw DomainException.forbidden(refusal, message);
            }
        }
    }

    private static final Map<String, ApiRoute> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ApiRoute::key, Function.identity()));

    private final String method;
    private final String path;
    private final String function;
    private final Audience audience;

    ApiRoute(String method, String path, String function, Audience audience) {
        this.method = method;
        this.path = path;
        this.function = function;
        this.audience = audience;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** API Gateway's route key, {@code "METHOD /path/{param}"}, as in the event's {@code routeKey}. */
    public String key() {
        return method + " " + path;
    }

    public String function() {
        return function;
    }

    public Audience audience() {
        return audience;
    }

    public static Optional<ApiRoute> byKey(String routeKey) {
        return Optional.ofNullable(routeKey == null ? null : BY_KEY.get(routeKey));
    }

    public static Set<ApiRoute> of(String function) {
        EnumSet<ApiRoute> routes = EnumSet.noneOf(ApiRoute.class);
        for (ApiRoute r : values()) {
            if (r.function.equals(function)) {
                routes.add(r);
            }
        }
        return routes;
    }

    /** The route keys a function serves, for the local gateway. */
    public static List<String> keysOf(String function) {
        return of(function).stream().map(ApiRoute::key).toList();
    }
}
