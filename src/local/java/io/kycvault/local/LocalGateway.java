package io.kycvault.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kycvault.audit.handler.AuditApiFunction;
import io.kycvault.audit.handler.AuditSweepFunction;
import io.kycvault.intake.handler.IntakeApiFunction;
import io.kycvault.lifecycle.handler.ComplianceApiFunction;
import io.kycvault.lifecycle.handler.LifecycleJobFunction;
import io.kycvault.lifecycle.handler.PrivacyApiFunction;
import io.kycvault.registry.handler.WalletApiFunction;
import io.kycvault.review.handler.RegistrationOutboxFunction;
import io.kycvault.review.handler.ReviewApiFunction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * What API Gateway does in AWS, on localhost: matches the route, verifies the bearer JWT like the
 * JWT authorizer, and invokes the same function with the same event shape (payload format 2.0,
 * claims under {@code requestContext.authorizer.jwt.claims}). Active only when {@code kyc.local.enabled}.
 */
@ApplicationScoped
public class LocalGateway {

    private static final Logger LOG = Logger.getLogger(LocalGateway.class);
    /** API Gateway's own payload limit. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;

    private record Route(String method, Pattern path, List<String> parameters, String routeKey, String functionName,
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
    }

    private final LocalConfig config;
    private final IntakeApiFunction intake;
    private final ReviewApiFunction review;
    private final AuditApiFunction audit;
    private final WalletApiFunction wallets;
    private final PrivacyApiFunction privacy;
    private final ComplianceApiFunction compliance;
    private final Map<String, RequestHandler<Map<String, Object>, ?>> scheduled;
    private final ObjectMapper json;
    private final Clock clock;
    private final LocalUserDirectory directory;
    private final List<Route> routes = new ArrayList<>();
    private HttpServer server;
    private ExecutorService executor;
    private LocalIssuer issuer;
    private LocalAuthorizationCodes codes;
    private LocalWebAssets web;

    LocalGateway(LocalConfig config, IntakeApiFunction intake, ReviewApiFunction review, AuditApiFunction audit,
            WalletApiFunction wallets, PrivacyApiFunction privacy, ComplianceApiFunction compliance,
            AuditSweepFunction auditSweep, io.kycvault.audit.handler.AuditCheckpointFunction auditCheckpoint,
            RegistrationOutboxFunction outbox, LifecycleJobFunction lifecycle, ObjectMapper json,
            Clock clock, LocalUserDirectory directory) {
        this.config = config;
        this.intake = intake;
        this.review = review;
        this.audit = audit;
        this.wallets = wallets;
        this.privacy = privacy;
        this.compliance = compliance;
        this.scheduled = Map.of(AuditSweepFunction.NAME, auditSweep,
                io.kycvault.audit.handler.AuditCheckpointFunction.NAME, auditCheckpoint, RegistrationOutboxFunction.NAME, outbox,
                LifecycleJobFunction.NAME, lifecycle);
        this.json = json;
        this.clock = clock;
        this.directory = directory;
    }

    void start(@Observes @Priority(20) StartupEvent event) throws IOException {
        if (!config.enabled()) {
            return;
        }
        RSAKey key = LocalIssuer.loadOrCreateKey(Path.of(config.issuer().directory()));
        issuer = new LocalIssuer(key, config.issuer().issuer(), config.issuer().audience(), clock, directory::isDisabled);
        codes = new LocalAuthorizationCodes(issuer, clock);
        web = new LocalWebAssets(Path.of(config.gateway().web()), LocalWebAssets.origin(config.emulator()));
        IntakeApiFunction.ROUTES.forEach(r -> add(r, IntakeApiFunction.NAME, intake));
        ReviewApiFunction.ROUTES.forEach(r -> add(r, ReviewApiFunction.NAME, review));
        AuditApiFunction.ROUTES.forEach(r -> add(r, AuditApiFunction.NAME, audit));
        WalletApiFunction.ROUTES.forEach(r -> add(r, WalletApiFunction.NAME, wallets));
        PrivacyApiFunction.ROUTES.forEach(r -> add(r, PrivacyApiFunction.NAME, privacy));
        ComplianceApiFunction.ROUTES.forEach(r -> add(r, ComplianceApiFunction.NAME, compliance));
        server = HttpServer.create(new InetSocketAddress(config.gateway().host(), config.gateway().port()), 128);
        // Request threads must see the application's class loader, as Lambda's runtime thread does.
        ClassLoader application = LocalGateway.class.getClassLoader();
        executor = Executors.newFixedThreadPool(64, task -> {
            Thread thread = new Thread(task, "local-gateway");
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.infof("local API gateway listening on http://%s:%d", config.gateway().host(), port());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Invokes a scheduled function as EventBridge would (used by the local scheduler). */
    public Object invokeScheduled(String name) {
        return InvokedFunction.as(name, () -> scheduled.get(name).handleRequest(tick(), null));
    }

    /** The EventBridge scheduled-event envelope, as a map (no Joda types on the Lambda path). */
    private Map<String, Object> tick() {
        return Map.of("source", "aws.events", "detail-type", "Scheduled Event", "time", clock.instant().toString());
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    private void add(String routeKey, String functionName, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
        String[] parts = routeKey.split(" ", 2);
        List<String> parameters = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([A-Za-z]+)}").matcher(parts[1]);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(parts[1].substring(last, m.start()))).append("([^/]+)");
            parameters.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(parts[1].substring(last)));
        routes.add(new Route(parts[0], Pattern.compile(regex.toString()), parameters, routeKey, functionName, function));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_local/")) {
                local(exchange, path);
                return;
            }
            if (web.serve(exchange, path)) {
                return;
            }
            Route route = null;
            Matcher matcher = null;
            for (Route candidate : routes) {
                Matcher m = candidate.path().matcher(path);
                if (candidate.method().equals(method) && m.matches()) {
                    route = candidate;
                    matcher = m;
                    break;
                }
            }
            if (route == null) {
                send(exchange, 404, "{\"code\":\"ROUTE_NOT_FOUND\",\"message\":\"no such route\"}", Map.of());
                return;
            }
            Map<String, String> claims;
            try {
                claims = authorize(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (LocalIssuer.Refused e) {
                send(exchange, 401, "{\"code\":\"UNAUTHENTICATED\",\"message\":\"a valid bearer token is required\"}", Map.of());
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, "{\"code\":\"PAYLOAD_TOO_LARGE\",\"message\":\"request body too large\"}", Map.of());
                return;
            }
            Map<String, String> pathParameters = new LinkedHashMap<>();
            for (int i = 0; i < route.parameters().size(); i++) {
                pathParameters.put(route.parameters().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
            }
            APIGatewayV2HTTPEvent event = event(exchange, route, pathParameters, claims, body);
            // Every API function has the same memory size in the template, so one tally serves them all.
            var function = route.function();
            String name = route.functionName();
            APIGatewayV2HTTPResponse response = LocalInvocations.timed("api",
                    () -> InvokedFunction.as(name, () -> function.handleRequest(event, null)));
            send(exchange, response.getStatusCode(), response.getBody() == null ? "" : response.getBody(),
                    response.getHeaders() == null ? Map.of() : response.getHeaders());
        } catch (RuntimeException e) {
            LOG.error("local gateway failure", e);
            send(exchange, 500, "{\"code\":\"INTERNAL\",\"message\":\"internal error\"}", Map.of());
        }
    }

    private Map<String, String> authorize(String header) throws LocalIssuer.Refused {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new LocalIssuer.Refused("no bearer token");
        }
        return issuer.verify(header.substring(7).strip());
    }

    private APIGatewayV2HTTPEvent event(HttpExchange exchange, Route route, Map<String, String> pathParameters,
            Map<String, String> claims, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                query.merge(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> a + "," + b);
            }
        }
        String text = utf8(body);
        Instant now = clock.instant();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body.length == 0 ? null : text != null ? text : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && text == null)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(route.method())
                                .withPath(exchange.getRequestURI().getRawPath())
                                .withProtocol("HTTP/1.1")
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims)
                                        .withScopes(List.of())
                                        .build())
                                .build())
                        .build())
                .build();
    }

    /** Local-only conveniences: a token endpoint for the CLI and the issuer's public keys. */
    private void local(HttpExchange exchange, String path) throws IOException {
        if ("/_local/jwks.json".equals(path)) {
            send(exchange, 200, issuer.jwks(), Map.of("content-type", "application/json"));
            return;
        }
        if ("/_local/metrics".equals(path)) {
            // AWS calls and function durations of this process so far; POST resets them. For bench/.
            if ("POST".equals(exchange.getRequestMethod())) {
                io.kycvault.shared.AwsCallCounter.reset();
                LocalInvocations.reset();
            }
            Map<String, Long> metrics = new java.util.TreeMap<>(io.kycvault.shared.AwsCallCounter.snapshot());
            metrics.putAll(LocalInvocations.snapshot());
            send(exchange, 200, json.writeValueAsString(metrics), Map.of("content-type", "application/json"));
            return;
        }
        if (path.startsWith("/_local/invoke/") && "POST".equals(exchange.getRequestMethod())) {
            String name = path.substring("/_local/invoke/".length());
            if (!scheduled.containsKey(name)) {
                send(exchange, 404, "{\"code\":\"FUNCTION_NOT_FOUND\",\"message\":\"no such scheduled function\"}", Map.of());
                return;
            }
            send(exchange, 200, json.writeValueAsString(invokeScheduled(name)), Map.of("content-type", "application/json"));
            return;
        }
        // The authorization-code flow with PKCE the web front end runs (oidc-client-ts), as against Cognito.
        String gatewayOrigin = "http://" + exchange.getRequestHeaders().getFirst("Host");
        if ("/_local/.well-known/openid-configuration".equals(path) && "GET".equals(exchange.getRequestMethod())) {
            send(exchange, 200, json.writeValueAsString(LocalAuthorizationCodes.discovery(config.issuer().issuer(), gatewayOrigin)), Map.of());
            return;
        }
        if ("/_local/oauth2/authorize".equals(path) && "GET".equals(exchange.getRequestMethod())) {
            // The page to choose a subject and groups is the portal's; it posts the choice back here.
            String query = exchange.getRequestURI().getRawQuery();
            send(exchange, 302, "", Map.of("location", "/#/authorize" + (query == null ? "" : "?" + query), "cache-control", "no-store"));
            return;
        }
        if (("/_local/oauth2/authorize".equals(path) || "/_local/oauth2/token".equals(path)) && "POST".equals(exchange.getRequestMethod())) {
            Map<String, String> form = form(exchange);
            try {
                Object answer = path.endsWith("/token") ? codes.token(form) : Map.of("redirect", codes.authorize(form, gatewayOrigin));
                send(exchange, 200, json.writeValueAsString(answer), Map.of("cache-control", "no-store"));
            } catch (LocalAuthorizationCodes.Refused refused) {
                send(exchange, refused.status, json.writeValueAsString(refused.body()), Map.of("cache-control", "no-store"));
            }
            return;
        }
        if ("/_local/token".equals(path) && "POST".equals(exchange.getRequestMethod())) {
            Map<String, String> form = form(exchange);
            String subject = form.get("sub");
            if (subject == null || !subject.matches("[A-Za-z0-9._:@-]{1,128}")) {
                send(exchange, 400, "{\"code\":\"INVALID_SUBJECT\",\"message\":\"sub is required\"}", Map.of());
                return;
            }
            List<String> groups = form.getOrDefault("groups", "").isBlank() ? List.of()
                    : Arrays.stream(form.get("groups").split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
            String token;
            try {
                token = issuer.mint(subject, groups, Duration.ofHours(8));
            } catch (LocalIssuer.Disabled disabled) {
                // Cognito answers a disabled user's sign-in with NotAuthorizedException ("User is disabled").
                send(exchange, 403, "{\"code\":\"USER_DISABLED\",\"message\":\"this user is disabled\"}", Map.of());
                return;
            }
            send(exchange, 200, token + "\n", Map.of("content-type", "text/plain"));
            return;
        }
        send(exchange, 404, "{\"code\":\"ROUTE_NOT_FOUND\",\"message\":\"no such route\"}", Map.of());
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
        return body.length > MAX_PAYLOAD ? null : body;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        String raw = new String(exchange.getRequestBody().readNBytes(8192), StandardCharsets.UTF_8);
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (!headers.containsKey("content-type")) {
            exchange.getResponseHeaders().set("content-type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
