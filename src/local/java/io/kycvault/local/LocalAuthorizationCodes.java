package io.kycvault.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local issuer's authorization-code flow with PKCE (RFC 7636, S256 only), the flow the web front
 * end runs through oidc-client-ts against Cognito's managed login in AWS. The authorization endpoint
 * answers with the portal's page to choose a subject and groups ({@code /#/authorize}); that page posts
 * the choice with the request's parameters to {@link #authorize}, which issues a single-use code bound
 * to the code challenge, the client and the redirect URI; {@link #token} redeems it once, within a
 * minute, for the verifier whose SHA-256 is the challenge.
 */
public final class LocalAuthorizationCodes {

    /** An OAuth error: {@code error} as RFC 6749 names it, {@code code} and {@code message} as the API's refusals. */
    public static final class Refused extends Exception {
        public final int status;
        public final String error;
        public final String code;

        Refused(int status, String error, String code, String message) {
            super(message);
            this.status = status;
            this.error = error;
            this.code = code;
        }

        public Map<String, String> body() {
            return Map.of("error", error, "code", code, "message", getMessage());
        }
    }

    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

    private record Grant(String subject, List<String> groups, String clientId, String redirectUri, String challenge, String nonce,
            Instant expires) {
    }

    private final LocalIssuer issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    public LocalAuthorizationCodes(LocalIssuer issuer, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The discovery document of the local issuer, its endpoints on {@code origin} (the gateway's). */
    public static Map<String, Object> discovery(String issuerName, String origin) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", issuerName);
        d.put("authorization_endpoint", origin + "/_local/oauth2/authorize");
        d.put("token_endpoint", origin + "/_local/oauth2/token");
        d.put("jwks_uri", origin + "/_local/jwks.json");
        d.put("response_types_supported", List.of("code"));
        d.put("grant_types_supported", List.of("authorization_code"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("token_endpoint_auth_methods_supported", List.of("none"));
        d.put("scopes_supported", List.of("openid"));
        return d;
    }

    /**
     * The chosen subject and groups for an authorization request: the redirect, to the request's own
     * redirect URI (which must be on {@code origin}), carrying the code and the state.
     */
    public String authorize(Map<String, String> form, String origin) throws Refused {
        if (!"code".equals(form.get("response_type"))) {
            throw new Refused(400, "unsupported_response_type", "UNSUPPORTED_RESPONSE_TYPE", "only response_type=code");
        }
        String clientId = require(form, "client_id");
        String redirectUri = require(form, "redirect_uri");
        URI redirect;
        try {
            redirect = URI.create(redirectUri);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "invalid_request", "INVALID_REDIRECT_URI", "redirect_uri is not a URI");
        }
        if (redirect.getFragment() != null || !LocalWebAssets.origin(redirectUri).equals(origin)) {
            throw new Refused(400, "invalid_request", "INVALID_REDIRECT_URI", "redirect_uri must be on " + origin + " without a fragment");
        }
        if (!"S256".equals(form.get("code_challenge_method"))) {
            throw new Refused(400, "invalid_request", "PKCE_REQUIRED", "code_challenge with code_challenge_method=S256 is required");
        }
        String challenge = require(form, "code_challenge");
        if (!challenge.matches("[A-Za-z0-9_-]{43}")) {
            throw new Refused(400, "invalid_request", "INVALID_CODE_CHALLENGE", "code_challenge is not a base64url SHA-256");
        }
        String subject = form.get("sub");
        if (subject == null || !subject.matches("[A-Za-z0-9._:@-]{1,128}")) {
            throw new Refused(400, "invalid_request", "INVALID_SUBJECT", "sub is required");
        }
        List<String> groups = form.getOrDefault("groups", "").isBlank() ? List.of()
                : java.util.Arrays.stream(form.get("groups").split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        grants.entrySet().removeIf(e -> !e.getValue().expires().isAfter(now));
        grants.put(code, new Grant(subject, groups, clientId, redirectUri, challenge, form.get("nonce"), now.plus(CODE_LIFETIME)));
        String state = form.get("state");
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code
                + (state == null ? "" : "&state=" + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8));
    }

    /** Redeems a code once for its verifier: the token answer (access and ID token, the same signed JWT). */
    public Map<String, Object> token(Map<String, String> form) throws Refused {
        if (!"authorization_code".equals(form.get("grant_type"))) {
            throw new Refused(400, "unsupported_grant_type", "UNSUPPORTED_GRANT_TYPE", "only grant_type=authorization_code");
        }
        String code = require(form, "code");
        Grant grant = grants.remove(code);
        if (grant == null || !grant.expires().isAfter(clock.instant())) {
            throw new Refused(400, "invalid_grant", "INVALID_GRANT", "the code is unknown, spent or expired");
        }
        if (!grant.clientId().equals(form.get("client_id")) || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            throw new Refused(400, "invalid_grant", "INVALID_GRANT", "client_id or redirect_uri differ from the authorization request");
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")
                || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII), grant.challenge().getBytes(StandardCharsets.US_ASCII))) {
            throw new Refused(400, "invalid_grant", "PKCE_VERIFICATION_FAILED", "code_verifier does not match the code_challenge");
        }
        String token;
        try {
            token = issuer.mint(grant.subject(), grant.groups(), TOKEN_LIFETIME, grant.nonce());
        } catch (LocalIssuer.Disabled disabled) {
            throw new Refused(400, "invalid_grant", "USER_DISABLED", "this user is disabled");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("id_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", TOKEN_LIFETIME.toSeconds());
        answer.put("scope", "openid");
        return answer;
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String require(Map<String, String> form, String name) throws Refused {
        String value = form.get(name);
        if (value == null || value.isBlank() || value.length() > 2048) {
            throw new Refused(400, "invalid_request", "MISSING_PARAMETER", name + " is required");
        }
        return value;
    }
}
