package io.kycvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local issuer's authorization-code flow with PKCE, as the web front end's oidc-client-ts runs it. */
class LocalAuthorizationCodesTest {

    static final String ORIGIN = "http://127.0.0.1:8080";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"; // RFC 7636, appendix B
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    /** One signing key for the class: generating an RSA key costs a second on these machines. */
    static RSAKey key;
    LocalIssuer issuer;
    LocalAuthorizationCodes codes;

    @org.junit.jupiter.api.BeforeAll
    static void signingKey() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("local").generate();
    }

    @BeforeEach
    void setUp() {
        issuer = new LocalIssuer(key, "http://issuer.local", "kyc-vault-web", clock);
        codes = new LocalAuthorizationCodes(issuer, clock);
    }

    Map<String, String> request() {
        Map<String, String> form = new HashMap<>(Map.of("response_type", "code", "client_id", "kyc-vault-web", "redirect_uri", ORIGIN + "/",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256", "state", "s t&ate", "nonce", "n-1", "sub", "officer-1"));
        form.put("groups", "kyc-compliance, kyc-reviewer");
        return form;
    }

    static String code(String redirect) {
        String query = URI.create(redirect).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("code=")) {
                return pair.substring(5);
            }
        }
        throw new AssertionError(redirect);
    }

    Map<String, String> redeem(String code, String verifier) {
        return new HashMap<>(Map.of("grant_type", "authorization_code", "code", code, "client_id", "kyc-vault-web",
                "redirect_uri", ORIGIN + "/", "code_verifier", verifier));
    }

    @Test
    void theRfcExampleChallengeIsTheVerifiersS256() {
        assertThat(LocalAuthorizationCodes.s256(VERIFIER)).isEqualTo(CHALLENGE);
    }

    @Test
    void aCodeRedeemedWithItsVerifierGivesATokenTheGatewayAccepts() throws Exception {
        String redirect = codes.authorize(request(), ORIGIN);
        assertThat(redirect).startsWith(ORIGIN + "/?code=").endsWith("&state=s+t%26ate");
        Map<String, Object> answer = codes.token(redeem(code(redirect), VERIFIER));
        assertThat(answer).containsEntry("token_type", "Bearer").containsKeys("access_token", "id_token", "expires_in");
        Map<String, String> claims = issuer.verify(String.valueOf(answer.get("access_token")));
        assertThat(claims).containsEntry("sub", "officer-1");
        assertThat(claims.get("cognito:groups")).contains("kyc-compliance").contains("kyc-reviewer");
        assertThat(com.nimbusds.jwt.SignedJWT.parse(String.valueOf(answer.get("id_token"))).getJWTClaimsSet().getStringClaim("nonce"))
                .as("the request's nonce, as oidc-client-ts checks it").isEqualTo("n-1");
    }

    @Test
    void aWrongVerifierIsRefusedAndSpendsTheCode() throws Exception {
        String code = code(codes.authorize(request(), ORIGIN));
        assertThatThrownBy(() -> codes.token(redeem(code, "x".repeat(43))))
                .isInstanceOfSatisfying(LocalAuthorizationCodes.Refused.class, r -> assertThat(r.code).isEqualTo("PKCE_VERIFICATION_FAILED"));
        assertThatThrownBy(() -> codes.token(redeem(code, VERIFIER)))
                .isInstanceOfSatisfying(LocalAuthorizationCodes.Refused.class, r -> assertThat(r.error).isEqualTo("invalid_grant"));
    }

    @Test
    void aCodeIsRedeemedOnceAndOnlyWithinItsLifetime() throws Exception {
        String code = code(codes.authorize(request(), ORIGIN));
        codes.token(redeem(code, VERIFIER));
        assertThatThrownBy(() -> codes.token(redeem(code, VERIFIER)))
                .isInstanceOfSatisfying(LocalAuthorizationCodes.Refused.class, r -> assertThat(r.code).isEqualTo("INVALID_GRANT"));
        String late = code(codes.authorize(request(), ORIGIN));
        now.set(now.get().plus(LocalAuthorizationCodes.CODE_LIFETIME).plus(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> codes.token(redeem(late, VERIFIER)))
                .isInstanceOfSatisfying(LocalAuthorizationCodes.Refused.class, r -> assertThat(r.code).isEqualTo("INVALID_GRANT"));
    }

    @Test
    void theRedeemingRequestMustNameTheSameClientAndRedirect() throws Exception {
        String code = code(codes.authorize(request(), ORIGIN));
        Map<String, String> other = redeem(code, VERIFIER);
        other.put("redirect_uri", ORIGIN + "/elsewhere");
        assertThatThrownBy(() -> codes.token(other))
                .isInstanceOfSatisfying(LocalAuthorizationCodes.Refused.class, r -> assertThat(r.code).isEqualTo("INVALID_GRANT"));
    }

    @Test
    void withoutPkceOrToAnotherOriginNoCodeIsIssued() {
        Map<String, String> plain = request();
        plain.put("code_challenge_method", "plain");
        assertThatThrownBy(() -> codes.authorize(plain, ORIGIN))
                .isInstanceOfSatisfying(LocalAuthorizationCodes.Refused.class, r -> assertThat(r.code).isEqualTo("PKCE_REQUIRED"));
        Map<String, String> noChallenge = request();
        noChallenge.remove("code_challenge");
        assertThatThrownBy(() -> codes.authorize(noChallenge, ORIGIN))
                .isInstanceOfSatisfying(LocalAuthorizationCodes.Refused.class, r -> assertThat(r.code).isEqualTo("MISSING_PARAMETER"));
        Map<String, String> foreign = request();
        foreign.put("redirect_uri", "https://attacker.example/");
        assertThatThrownBy(() -> codes.authorize(foreign, ORIGIN))
                .isInstanceOfSatisfying(LocalAuthorizationCodes.Refused.class, r -> assertThat(r.code).isEqualTo("INVALID_REDIRECT_URI"));
    }
}
