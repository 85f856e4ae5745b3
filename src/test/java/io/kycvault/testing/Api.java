package io.kycvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.local.LocalGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A plain HTTP client for the local API and presigned URLs, as an applicant's browser would use them. */
public final class Api {

    public record Response(int status, String body, JsonNode json) {
        public String text(String field) {
            return json == null || json.get(field) == null ? null : json.get(field).asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalGateway gateway;

    public Api(LocalGateway gateway) {
        this.gateway = gateway;
    }

    public String base() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public String token(String subject, String... groups) {
        return gateway.issuer().mint(subject, List.of(groups), Duration.ofMinutes(30));
    }

    public Response get(String token, String path) {
        return send(request(token, path).GET().build());
    }

    public Response delete(String token, String path) {
        return send(request(token, path).DELETE().build());
    }

    public Response post(String token, String path, String json) {
        return send(request(token, path).header("content-type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response post(String token, String path, Object body) {
        try {
            return post(token, path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** PUTs bytes to a presigned URL with exactly the headers the API said to send (optionally altered). */
    public Response upload(JsonNode instructions, byte[] body, Map<String, String> overrideHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(instructions.get("uploadUrl").asText()))
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        Iterator<Map.Entry<String, JsonNode>> headers = instructions.get("headers").fields();
        while (headers.hasNext()) {
            var h = headers.next();
            if (!RESTRICTED.contains(h.getKey().toLowerCase()) && !overrideHeaders.containsKey(h.getKey().toLowerCase())) {
                b.header(h.getKey(), h.getValue().asText());
            }
        }
        overrideHeaders.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return send(b.build());
    }

    public Response upload(JsonNode instructions, byte[] body) {
        return upload(instructions, body, Map.of());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String contentType = r.headers().firstValue("content-type").orElse("");
            if (contentType.contains("json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), r.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts a refusal: status, stable code and a message. */
    public static void assertCode(Response r, int status, String code) {
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(r.text("code")).as(r.body()).isEqualTo(code);
        org.assertj.core.api.Assertions.assertThat(r.text("message")).isNotBlank();
    }

    public static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> presignBody(String docType, String contentType, byte[] bytes) {
        return Map.of("docType", docType, "contentType", contentType, "contentLength", bytes.length, "sha256", sha256(bytes));
    }

    public static Map<String, Object> personalData(String given, String family) {
        return Map.of(
                "givenNames", given,
                "familyName", family,
                "dateOfBirth", "1980-02-29",
                "nationality", "DE",
                "countryOfResidence", "DE",
                "region", "DE-BE",
                "address", Map.of("line1", "Friedrichstraße 43", "postalCode", "10117", "city", "Berlin"),
                "taxId", "DE-" + Math.abs(java.util.concurrent.ThreadLocalRandom.current().nextLong(10_000_000_000L, 99_999_999_999L)));
    }
}
