package io.kycvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built front end as the local gateway serves it: security headers, a strict CSP, nothing outside web/dist. */
class LocalWebAssetsTest {

    @TempDir
    Path dist;
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>KYC Vault</title>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/index-abc123.js"), "console.log(1)");
        Files.writeString(dist.getParent().resolve("secret.txt"), "not served");
        LocalWebAssets web = new LocalWebAssets(dist, LocalWebAssets.origin("http://127.0.0.1:4566/"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!web.serve(exchange, exchange.getRequestURI().getRawPath())) {
                    exchange.sendResponseHeaders(418, -1);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageCarriesAStrictContentSecurityPolicyAndTheSecurityHeaders() throws Exception {
        var page = get("/", "GET");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("KYC Vault");
        String csp = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                "connect-src 'self' http://127.0.0.1:4566", "img-src 'self' blob: http://127.0.0.1:4566", "object-src 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(page.headers().firstValue("x-frame-options")).contains("DENY");
        assertThat(page.headers().firstValue("referrer-policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("cache-control")).contains("no-store");
    }

    @Test
    void hashedAssetsAreImmutableAndTyped() throws Exception {
        var js = get("/assets/index-abc123.js", "GET");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-type").orElseThrow()).startsWith("text/javascript");
        assertThat(js.headers().firstValue("cache-control").orElseThrow()).contains("immutable");
    }

    @Test
    void nothingOutsideTheBuildAndNoOtherMethodIsServed() throws Exception {
        assertThat(get("/assets/../../secret.txt", "GET").statusCode()).isEqualTo(404);
        assertThat(get("/assets/%2e%2e/%2e%2e/secret.txt", "GET").statusCode()).isEqualTo(404);
        assertThat(get("/assets/missing.js", "GET").statusCode()).isEqualTo(404);
        assertThat(get("/cases", "GET").statusCode()).as("API paths are left to the gateway").isEqualTo(418);
        assertThat(get("/", "POST").statusCode()).isEqualTo(418);
    }
}
