package io.kycvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kycvault.local.LocalIssuer;
import io.kycvault.testing.Fixtures;
import io.kycvault.testing.LocalStack;
import io.kycvault.testing.Wallets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline on this machine: emulators and anvil as in the tests, the packaged application
 * in the local profile as its own process, and cases driven over HTTP exactly as applicants and
 * reviewers would: create → three uploads straight to S3 → wallet proof → submit → two approvals →
 * registered on chain.
 */
final class EndToEnd implements AutoCloseable {

    static final List<String> STAGES = List.of("create", "uploads verified", "wallet proof", "submit", "two approvals",
            "registered on chain", "whole case");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalStack emulators = new LocalStack();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer runtimeApi;
    private Process app;
    private String base;
    private LocalIssuer issuer;
    private final byte[][] documents = new byte[3][];

    record Result(int cases, int concurrency, long millis, Map<String, List<Long>> stages, Map<String, Long> calls, int failures) {
    }

    void start(Path runnerJar) throws Exception {
        start(runnerJar, List.of());
    }

    /** The application's base URL and the issuer of its tokens (for other benchmarks on the same stack). */
    String base() {
        return base;
    }

    LocalIssuer issuer() {
        return issuer;
    }

    /** Starts the stack; {@code properties} are added to the application's command line (-Dkey=value). */
    void start(Path runnerJar, List<String> properties) throws Exception {
        emulators.start();
        // The function's Runtime API is not used here (the local gateway is): hold its polls.
        runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        runtimeApi.createContext("/", exchange -> {
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        runtimeApi.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        runtimeApi.start();
        int port = LocalStack.freePort();
        base = "http://127.0.0.1:" + port;
        Path issuerDir = Path.of("target", "bench-issuer").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-Dquarkus.profile=local",
                // The harness's own accessors, not its property names: a renamed setting cannot go unnoticed here.
                "-Dkyc.local.emulator=" + LocalStack.awsEndpoint(),
                "-Dkyc.local.dynamodb=" + LocalStack.dynamoEndpoint(),
                "-Dkyc.local.ethereum=" + LocalStack.ethereumEndpoint(),
                "-Dkyc.local.signer-key=" + LocalStack.signerKey(),
                "-Dkyc.lifecycle.events-endpoint=" + LocalStack.awsEndpoint(),
                "-Dkyc.local.gateway.port=" + port,
                "-Dkyc.local.issuer.directory=" + issuerDir,
                "-Dkyc.local.scheduler-interval=PT2S",
                "-Dkyc.measure-capacity=true",
                "-Dquarkus.log.level=WARN"));
        command.addAll(properties);
        command.addAll(List.of("-jar", runnerJar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "bench-e2e-app.log").toFile());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getAddress().getPort());
        app = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/_local/jwks.json")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the application did not start; see target/bench-e2e-app.log");
            }
            Thread.sleep(250);
        }
        issuer = new LocalIssuer(LocalIssuer.loadOrCreateKey(issuerDir), "http://localhost/kyc-vault-local-issuer",
                "kyc-vault-local", Clock.systemUTC());
        documents[0] = Fixtures.scannerPdf();
        documents[1] = Fixtures.jpeg(1200, 900);
        documents[2] = Fixtures.png(800, 1000);
    }

    Result run(int cases, int concurrency) throws Exception {
        post(null, "/_local/metrics", null);
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        STAGES.forEach(s -> stages.put(s, Collections.synchronizedList(new ArrayList<>())));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            futures.add(pool.submit(() -> oneCase(stages)));
        }
        int failures = 0;
        for (Future<Boolean> f : futures) {
            try {
                if (!f.get(30, TimeUnit.MINUTES)) {
                    failures++;
                }
            } catch (Exception e) {
                failures++;
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        pool.shutdown();
        JsonNode counts = get(null, "/_local/metrics");
        Map<String, Long> calls = new LinkedHashMap<>();
        counts.fields().forEachRemaining(e -> calls.put(e.getKey(), e.getValue().asLong()));
        return new Result(cases, concurrency, millis, stages, calls, failures);
    }

    private boolean oneCase(Map<String, List<Long>> stages) throws Exception {
        long caseStart = System.nanoTime();
        String applicant = "bench-" + UUID.randomUUID();
        String token = issuer.mint(applicant, List.of(), Duration.ofHours(2));
        long t = System.nanoTime();
        JsonNode created = post(token, "/cases", Map.of("givenNames", "Bench", "familyName", "Applicant-" + applicant.substring(6, 14),
                "dateOfBirth", "1985-04-12", "nationality", "DE", "countryOfResidence", "DE", "region", "DE-BE",
                "address", Map.of("line1", "Unter den Linden 1", "postalCode", "10117", "city", "Berlin"),
                "taxId", "BENCH" + Math.abs(applicant.hashCode())));
        String caseId = created.get("caseId").asText();
        stages.get("create").add(since(t));

        t = System.nanoTime();
        String[][] kinds = {{"PASSPORT", "application/pdf"}, {"PROOF_OF_ADDRESS", "image/jpeg"}, {"PROOF_OF_FUNDS", "image/png"}};
        for (int i = 0; i < 3; i++) {
            byte[] bytes = documents[i];
            JsonNode slot = post(token, "/cases/" + caseId + "/documents", Map.of("docType", kinds[i][0], "contentType", kinds[i][1],
                    "contentLength", bytes.length, "sha256", sha256(bytes)));
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(slot.get("uploadUrl").asText()))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
            slot.get("headers").fields().forEachRemaining(h -> {
                if (!h.getKey().equals("content-length") && !h.getKey().equals("host")) {
                    put.header(h.getKey(), h.getValue().asText());
                }
            });
            if (http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                return false;
            }
        }
        if (!await(token, caseId, view -> {
            int verified = 0;
            for (JsonNode d : view.get("documents")) {
                verified += "VERIFIED".equals(d.get("status").asText()) ? 1 : 0;
            }
            return verified == 3;
        })) {
            return false;
        }
        stages.get("uploads verified").add(since(t));

        t = System.nanoTime();
        Wallets.Wallet wallet = Wallets.create();
        String message = post(token, "/cases/" + caseId + "/wallets/challenge", Map.of("address", wallet.address())).get("message").asText();
        post(token, "/cases/" + caseId + "/wallets", Map.of("message", message, "signature", Wallets.sign(wallet, message)));
        stages.get("wallet proof").add(since(t));

        t = System.nanoTime();
        if (!"IN_REVIEW".equals(post(token, "/cases/" + caseId + "/submit", null).path("status").asText())) {
            return false;
        }
        stages.get("submit").add(since(t));

        t = System.nanoTime();
        String expiry = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
        for (int r = 0; r < 2; r++) {
            String reviewer = issuer.mint("reviewer-" + UUID.randomUUID(), List.of("kyc-reviewer"), Duration.ofHours(1));
            post(reviewer, "/review/cases/" + caseId + "/decisions", Map.of("decision", "APPROVE",
                    "reasonCodes", List.of("IDENTITY_VERIFIED"), "rating", 5, "ratingExpiresOn", expiry));
        }
        stages.get("two approvals").add(since(t));

        t = System.nanoTime();
        if (!await(token, caseId, view -> "REGISTERED".equals(view.get("status").asText()))) {
            return false;
        }
        stages.get("registered on chain").add(since(t));
        stages.get("whole case").add(since(caseStart));
        return true;
    }

    interface Check {
        boolean ok(JsonNode view);
    }

    private boolean await(String token, String caseId, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (check.ok(get(token, "/cases/" + caseId))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static long since(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private JsonNode post(String token, String path, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        String response = http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        return response.isEmpty() ? JSON.createObjectNode() : JSON.readTree(response);
    }

    private JsonNode get(String token, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    long documentBytes() {
        return documents[0].length + documents[1].length + documents[2].length;
    }

    @Override
    public void close() {
        if (app != null) {
            app.destroy();
            try {
                if (!app.waitFor(20, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            } catch (InterruptedException e) {
                app.destroyForcibly();
            }
        }
        if (runtimeApi != null) {
            runtimeApi.stop(0);
        }
        emulators.stop();
    }
}
