package io.kycvault.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.intake.application.VerifyingUpload;
import io.kycvault.shared.AwsCallCounter;
import io.kycvault.testing.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the benchmarks and writes their figures to a Markdown file a person can read. */
public final class BenchMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/RESULTS.md");
        Report report = new Report();
        report.header();
        GasBenchmark.report(report, GasBenchmark.measure());
        presignLatency(report);
        awsCalls(report);
        Files.writeString(out, report.toString());
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static void presignLatency(Report report) throws Exception {
        Options options = new OptionsBuilder()
                .include(PresignBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(3))
                .measurementIterations(5).measurementTime(TimeValue.seconds(4))
                .jvmArgs("-Xmx1g")
                .build();
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (RunResult result : new Runner(options).run()) {
            var stats = result.getPrimaryResult().getStatistics();
            rows.put(result.getParams().getParam("store"), new double[] {
                    stats.getPercentile(50), stats.getPercentile(99), stats.getPercentile(99.9), stats.getN()});
        }
        report.section("Presign, warm, in-process (JMH)",
                "Lambda handler from API Gateway event to response: `POST /cases/{caseId}/documents`. JMH SampleTime, "
                        + "1 fork, 3×3 s warm-up, 5×4 s measurement. *emulator*: the two DynamoDB calls go to DynamoDB Local on loopback; "
                        + "*in-memory*: the case store is a map, so the figure is our own code (JSON, checks, audit hash, "
                        + "SigV4 presigning).");
        report.row("case store", "p50 (µs)", "p99 (µs)", "p99.9 (µs)", "samples", "goal (own code)");
        report.rule(6);
        rows.forEach((store, v) -> report.row(store, fmt(v[0]), fmt(v[1]), fmt(v[2]), String.format("%,d", (long) v[3]),
                "in-memory".equals(store) ? "p50 ≤ 100 µs, p99 ≤ 1,000 µs: " + verdict(v[0] <= 100 && v[1] <= 1000) : "—"));
        if (rows.containsKey("emulator") && rows.containsKey("in-memory")) {
            report.line("");
            report.line(String.format("Ratio emulator / in-memory at p50 (same run): %.1f×", rows.get("emulator")[0] / rows.get("in-memory")[0]));
        }
    }

    private static void awsCalls(Report report) throws Exception {
        try (BenchStack stack = new BenchStack()) {
            String subject = "calls-" + UUID.randomUUID();
            APIGatewayV2HTTPResponse created = stack.api.handleRequest(BenchStack.event("POST /cases", subject, null, BenchStack.CASE_BODY), null);
            String caseId = JSON.readTree(created.getBody()).get("caseId").asText();
            int presigns = 100;
            byte[] pdf = Fixtures.textPdf("benchmark passport");
            String body = "{\"docType\":\"PASSPORT\",\"contentType\":\"application/pdf\",\"contentLength\":" + pdf.length
                    + ",\"sha256\":\"" + sha256(pdf) + "\"}";
            var event = BenchStack.event("POST /cases/{caseId}/documents", subject, Map.of("caseId", caseId), body);
            AwsCallCounter.reset();
            List<JsonNode> issued = new ArrayList<>();
            for (int i = 0; i < presigns; i++) {
                issued.add(JSON.readTree(stack.api.handleRequest(event, null).getBody()));
            }
            Map<String, Long> perPresign = AwsCallCounter.snapshot();

            HttpClient http = HttpClient.newHttpClient();
            int verified = 20;
            int rejected = 10;
            byte[] html = Fixtures.htmlPage();
            List<String> versions = new ArrayList<>();
            for (int i = 0; i < verified; i++) {
                versions.add(put(http, issued.get(i), pdf));
            }
            List<JsonNode> bad = new ArrayList<>();
            String htmlBody = "{\"docType\":\"PASSPORT\",\"contentType\":\"application/pdf\",\"contentLength\":" + html.length
                    + ",\"sha256\":\"" + sha256(html) + "\"}";
            for (int i = 0; i < rejected; i++) {
                JsonNode instructions = JSON.readTree(stack.api.handleRequest(
                        BenchStack.event("POST /cases/{caseId}/documents", subject, Map.of("caseId", caseId), htmlBody), null).getBody());
                versions.add(put(http, instructions, html));
                bad.add(instructions);
            }
            AwsCallCounter.reset();
            for (int i = 0; i < verified; i++) {
                handle(stack, caseId, issued.get(i), versions.get(i), pdf.length);
            }
            Map<String, Long> perVerified = AwsCallCounter.snapshot();
            AwsCallCounter.reset();
            for (int i = 0; i < rejected; i++) {
                handle(stack, caseId, bad.get(i), versions.get(verified + i), html.length);
            }
            Map<String, Long> perRejected = AwsCallCounter.snapshot();

            report.section("AWS calls per operation (SDK interceptor)",
                    "Counted by `AwsCallCounter`, an SDK `ExecutionInterceptor` on every client, over " + presigns
                            + " presigns, " + verified + " verified and " + rejected + " rejected upload events "
                            + "(the upload function called with the S3 notification, as from SQS).");
            report.row("operation", "service:API", "calls per operation", "goal");
            report.rule(4);
            calls(report, "presign", perPresign, presigns, "0 KMS, ≤ 2 DynamoDB");
            calls(report, "upload event, verified", perVerified, verified, "≤ 4 in total");
            calls(report, "upload event, rejected", perRejected, rejected, "≤ 4 in total");
            report.line("");
            report.line("Verdicts: presign " + verdict(count(perPresign, "Kms") == 0 && count(perPresign, "DynamoDb") <= 2L * presigns)
                    + " (" + fmt((double) count(perPresign, "Kms") / presigns) + " KMS, "
                    + fmt((double) count(perPresign, "DynamoDb") / presigns) + " DynamoDB); upload event "
                    + verdict(total(perVerified) <= 4L * verified && total(perRejected) <= 4L * rejected)
                    + " (" + fmt((double) total(perVerified) / verified) + " verified, " + fmt((double) total(perRejected) / rejected)
                    + " rejected).");
        }
    }

    private static void handle(BenchStack stack, String caseId, JsonNode instructions, String versionId, long size) {
        String key = "incoming/" + caseId + "/" + instructions.get("documentId").asText();
        VerifyingUpload.Outcome outcome = stack.verifying.handle(new VerifyingUpload.ObjectCreated(BenchStack.BUCKET, key, versionId, size));
        if (outcome == VerifyingUpload.Outcome.IGNORED) {
            throw new IllegalStateException("event ignored: " + key);
        }
    }

    /** Uploads like a browser and returns the version id S3 assigned (the notification carries it). */
    private static String put(HttpClient http, JsonNode instructions, byte[] bytes) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(instructions.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        instructions.get("headers").fields().forEachRemaining(h -> {
            if (!Set.of("content-length", "host").contains(h.getKey())) {
                b.header(h.getKey(), h.getValue().asText());
            }
        });
        HttpResponse<Void> response = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("upload failed: " + response.statusCode());
        }
        return response.headers().firstValue("x-amz-version-id").orElse(null);
    }

    private static void calls(Report report, String operation, Map<String, Long> counts, int n, String goal) {
        boolean first = true;
        for (var e : counts.entrySet()) {
            report.row(first ? operation : "", e.getKey(), fmt((double) e.getValue() / n), first ? goal : "");
            first = false;
        }
        report.row("", "**total**", "**" + fmt((double) total(counts) / n) + "**", "");
    }

    private static long count(Map<String, Long> counts, String service) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(service + ":")).mapToLong(Map.Entry::getValue).sum();
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String fmt(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }

    static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }
}
