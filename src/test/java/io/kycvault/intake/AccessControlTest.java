package io.kycvault.intake;

import static io.kycvault.testing.Api.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.kycvault.local.LocalGateway;
import io.kycvault.local.LocalIssuer;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessControlTest {

    @Inject
    LocalGateway gateway;

    Api api;
    Cases cases;

    @BeforeEach
    void setUp() {
        api = new Api(gateway);
        cases = new Cases(api);
    }

    @Test
    void applicantCannotTouchAnotherApplicantsCase() {
        Cases.Opened a = cases.open("owner-a");
        Cases.Opened b = cases.open("owner-b");
        byte[] pdf = Fixtures.textPdf("x");
        assertCode(api.get(b.token(), "/cases/" + a.caseId()), 403, "NOT_CASE_OWNER");
        assertCode(api.post(b.token(), "/cases/" + a.caseId() + "/documents", Api.presignBody("PASSPORT", "application/pdf", pdf)),
                403, "NOT_CASE_OWNER");
        assertCode(api.post(b.token(), "/cases/" + a.caseId() + "/submit", (String) null), 403, "NOT_CASE_OWNER");
        assertCode(api.get(a.token(), "/cases/00000000-0000-4000-8000-000000000000"), 404, "CASE_NOT_FOUND");
        assertCode(api.get(a.token(), "/cases/not-an-id"), 404, "CASE_NOT_FOUND");
    }

    @Test
    void tokensAreCheckedLikeTheJwtAuthorizer() throws Exception {
        Cases.Opened a = cases.open("tokens");
        String path = "/cases/" + a.caseId();
        RSAKey foreign = new RSAKeyGenerator(2048).keyID("attacker").generate();
        LocalIssuer issuer = gateway.issuer();
        LocalIssuer pastIssuer = new LocalIssuer(LocalIssuer.loadOrCreateKey(java.nio.file.Path.of("target/local-issuer")),
                "http://localhost/kyc-vault-local-issuer", "kyc-vault-local",
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        Map<String, String> refused = new HashMap<>();
        refused.put("no token", null);
        refused.put("garbage", "not.a.jwt");
        refused.put("expired", pastIssuer.mint(a.applicant(), List.of(), Duration.ofMinutes(30)));
        refused.put("wrongly signed", issuer.mint(a.applicant(), List.of(), Duration.ofMinutes(30), "kyc-vault-local", foreign));
        refused.put("wrong audience", issuer.mint(a.applicant(), List.of(), Duration.ofMinutes(30), "another-app",
                LocalIssuer.loadOrCreateKey(java.nio.file.Path.of("target/local-issuer"))));
        String good = api.token(a.applicant());
        String[] parts = good.split("\\.");
        refused.put("alg none", "eyJhbGciOiJub25lIn0." + parts[1] + ".");
        refused.forEach((why, token) -> {
            Api.Response r = api.get(token, path);
            assertThat(r.status()).as(why).isEqualTo(401);
            assertThat(r.text("code")).as(why).isEqualTo("UNAUTHENTICATED");
        });
        assertThat(api.get(good, path).status()).isEqualTo(200);
    }

    @Test
    void badBodiesGetStableJsonErrors() {
        String token = api.token("bodies-" + java.util.UUID.randomUUID());
        assertCode(api.post(token, "/cases", "{\"givenNames\": "), 400, "MALFORMED_JSON");
        assertCode(api.post(token, "/cases", "[1,2]"), 400, "INVALID_TYPE");
        assertCode(api.post(token, "/cases", "{\"givenNames\":\"A\",\"givenNames\":\"B\"}"), 400, "MALFORMED_JSON");
        assertCode(api.post(token, "/cases", "{\"isAdmin\":true}"), 400, "UNKNOWN_FIELD");
        assertCode(api.post(token, "/cases", "{\"givenNames\":123}"), 400, "INVALID_TYPE");
        assertCode(api.post(token, "/cases", "{\"address\":\"Berlin\"}"), 400, "INVALID_TYPE");
        assertCode(api.post(token, "/cases", "{\"givenNames\":\"" + "x".repeat(20_000) + "\"}"), 400, "BODY_TOO_LARGE");
        assertCode(api.post(token, "/cases", (String) null), 400, "MISSING_BODY");
        Map<String, Object> badDate = new HashMap<>(Api.personalData("A", "B"));
        badDate.put("dateOfBirth", "1990-02-30");
        assertCode(api.post(token, "/cases", badDate), 400, "INVALID_DATE");
        Map<String, Object> badData = new HashMap<>(Api.personalData("A", "B"));
        badData.put("nationality", "ZZ");
        badData.put("dateOfBirth", "2999-01-01");
        Api.Response refused = api.post(token, "/cases", badData);
        assertCode(refused, 400, "INVALID_PERSONAL_DATA");
        assertThat(refused.json().get("errors").toString()).contains("INVALID_COUNTRY", "DATE_IN_FUTURE");

        // None of the refusals left a half-open case behind.
        assertThat(api.post(token, "/cases", Api.personalData("A", "B")).status()).isEqualTo(201);

        Cases.Opened c = cases.open("presign-bodies");
        String path = "/cases/" + c.caseId() + "/documents";
        assertCode(api.post(c.token(), path, "{\"docType\":\"PASSPORT\",\"contentType\":\"application/pdf\","
                + "\"contentLength\":\"12\",\"sha256\":\"x\"}"), 400, "INVALID_TYPE");
        assertCode(api.post(c.token(), path, "{\"docType\":\"PASSPORT\",\"contentType\":\"application/pdf\","
                + "\"contentLength\":1.5,\"sha256\":\"x\"}"), 400, "INVALID_TYPE");
        assertCode(api.post(c.token(), path, "{\"docType\":\"PASSPORT\",\"fileName\":\"../../x.pdf\"}"), 400, "UNKNOWN_FIELD");
        // A number too large for its field: one code (it was MALFORMED_JSON, "the body is not valid JSON").
        Api.Response overflow = api.post(c.token(), path, "{\"docType\":\"PASSPORT\",\"contentType\":\"application/pdf\","
                + "\"contentLength\":99999999999999999999,\"sha256\":\"x\"}");
        assertCode(overflow, 400, "NUMBER_OUT_OF_RANGE");
        assertThat(overflow.text("message")).contains("contentLength");
        Api.Response unknownRoute = api.get(c.token(), "/admin");
        assertThat(unknownRoute.status()).isEqualTo(404);

        for (Api.Response r : List.of(api.post(token, "/cases", "{\"givenNames\": "), unknownRoute)) {
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.kycvault");
        }
    }

    @Test
    void binaryGarbageBodyIsRefusedAsJson() {
        String token = api.token("binary-" + java.util.UUID.randomUUID());
        var request = HttpRequest.newBuilder(URI.create(api.base() + "/cases"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}))
                .build();
        assertCode(api.send(request), 400, "MALFORMED_JSON");
    }
}
