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
import java.util.Collections;
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

    /**
     * A check run (bin/test: {@code -Dbench.check=true}) proves the drivers still work, with few samples
     * and its figures written outside bench/: a section that cannot start, or any failed case, ends the
     * run with an error instead of a row in the report.
     */
    static final boolean CHECK = Boolean.getBoolean("bench.check");

    /** Gas per investor in a batch of 10 (the chain function's batch size), from this run's gas benchmark. */
    private static long gasPerInvestor;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/RESULTS.md");
        Report report = new Report();
        report.header();
        String only = System.getProperty("bench.only", "");
        // The cost section prices gas from this run's figures, so e2e needs the gas run too.
        if (only.isEmpty() || only.contains("gas") || only.contains("e2e")) {
            List<GasBenchmark.Figure> gas = GasBenchmark.measure();
            if (only.isEmpty() || only.contains("gas")) {
                GasBenchmark.report(report, gas);
            }
            gasPerInvestor = gas.stream().filter(f -> f.operation().startsWith("addInvestors, batch of 10 "))
                    .mapToLong(GasBenchmark.Figure::perInvestor).findFirst().orElseThrow();
        }
        if (only.isEmpty() || only.contains("trex")) {
            TrexGasBenchmark.report(report, TrexGasBenchmark.measure());
        }
        if (only.isEmpty() || only.contains("checkpoint")) {
            CheckpointBenchmark.report(report, CheckpointBenchmark.measure(Integer.getInteger("bench.checkpoint.cases", 10_000), 5));
        }
        if (only.isEmpty() || only.contains("presign")) {
            presignLatency(report);
        }
        if (only.isEmpty() || only.contains("inspection")) {
            inspection(report);
        }
        if (only.isEmpty() || only.contains("calls")) {
            awsCalls(report);
        }
        if (only.isEmpty() || only.contains("cold")) {
            coldStart(report);
        }
        if (only.isEmpty() || only.contains("edge")) {
            HttpEdgeDecision.report(report);
        }
        if (only.isEmpty() || only.contains("e2e")) {
            endToEnd(report, args.length > 1 ? Integer.parseInt(args[1]) : 1000);
        }
        if (only.isEmpty() || only.contains("gate")) {
            Path jar = LOCAL_STACK_JAR;
            if (Files.exists(jar)) {
                MalwareGateLatency.report(report, jar, CHECK ? 6 : 60, 4);
            } else {
                cannotRun("the malware gate latency", jar);
            }
        }
        Path analysis = Path.of("bench", "ANALYSIS.md");
        // A run of some sections replaces only those in the last report; the others stay as they were measured.
        String text = only.isEmpty() || !Files.exists(out) ? report.toString() : report.mergedInto(Files.readString(out), only);
        if (Files.exists(analysis) && !CHECK) {
            // Hand-written reading of the figures; it names the run it was written against.
            text += "\n" + Files.readString(analysis);
        }
        Files.writeString(out, text);
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

    private static void inspection(Report report) throws Exception {
        Options options = new OptionsBuilder()
                .include(InspectionBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(3).measurementTime(TimeValue.seconds(3))
                .jvmArgs("-Xmx1g")
                .build();
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (RunResult result : new Runner(options).run()) {
            String kind = result.getParams().getParam("kind");
            int mib = Integer.parseInt(result.getParams().getParam("mebibytes"));
            byte[] file = InspectionBenchmark.file(kind, mib);
            double ms = result.getPrimaryResult().getStatistics().getPercentile(50);
            rows.put(kind + " " + mib + " MiB", new double[] {file.length / 1_048_576.0, ms, (file.length / 1_048_576.0) / (ms / 1000)});
        }
        // Allocation per file: the bytes this thread allocates while one file is inspected (mean of 5).
        java.util.Map<String, Double> peaks = new LinkedHashMap<>();
        var inspector = new io.kycvault.intake.inspection.DocumentInspector(io.kycvault.intake.inspection.ImageLimits.DEFAULT);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (String kind : List.of("pdf", "jpeg", "png")) {
            for (int mib : new int[] {1, 10}) {
                byte[] file = InspectionBenchmark.file(kind, mib);
                String type = kind.equals("pdf") ? "application/pdf" : kind.equals("jpeg") ? "image/jpeg" : "image/png";
                var announced = new io.kycvault.intake.inspection.DocumentInspector.Announced(type, file.length,
                        io.kycvault.intake.inspection.DocumentInspector.sha256(file), "k");
                var stored = new io.kycvault.intake.inspection.DocumentInspector.Stored("aws:kms", "k");
                inspector.inspect(file, announced, stored);
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 5; i++) {
                    inspector.inspect(file, announced, stored);
                }
                peaks.put(kind + " " + mib + " MiB", (threads.getCurrentThreadAllocatedBytes() - before) / 5.0 / 1_048_576.0);
            }
        }
        report.section("Upload validation throughput (JMH)",
                "`DocumentInspector` (size, SHA-256, encryption facts, magic bytes, PDF object walk with PDFBox / JPEG and PNG "
                        + "structure) over noise-content files (targets 1 and 10 MiB; JPEG compresses below), median of 3×3 s "
                        + "after 2×2 s warm-up. Heap: bytes allocated per inspected file (the file itself excluded), which is "
                        + "what a Lambda's memory must hold beside the object's bytes.");
        report.row("file (target size)", "actual size (MiB)", "time per file (ms)", "throughput (MB/s)", "allocated per file (MiB)");
        report.rule(5);
        rows.forEach((name, v) -> report.row(name, String.format("%.2f", v[0]), fmt(v[1]), fmt(v[2]),
                String.format("%.1f", peaks.getOrDefault(name, -1.0))));
    }

    private static long heapUsed() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long peak = 0;
        for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /**
     * The application with the laptop harness (local gateway, issuer, emulator provisioning), built by
     * {@code ./mvnw -Plocal package} into target/local; the cold start measures the Lambda artifact in target/.
     */
    static final Path LOCAL_STACK_JAR = Path.of("target", "local", "kyc-vault-0.1.0-SNAPSHOT-runner.jar");

    private static void coldStart(Report report) throws Exception {
        Path jar = Path.of("target", "kyc-vault-0.1.0-SNAPSHOT-runner.jar");
        if (!Files.exists(jar)) {
            report.section("Cold start, JVM mode", "Not measured: " + jar + " missing (bench/run packages it first).");
            return;
        }
        try (BenchStack stack = new BenchStack()) {
            // A fresh case per process: a case may ask for at most 20 upload URLs.
            java.util.function.Supplier<String> nextEvent = () -> {
                try {
                    String subject = "cold-" + UUID.randomUUID();
                    var created = stack.api.handleRequest(BenchStack.event("POST /cases", subject, null, BenchStack.CASE_BODY), null);
                    String caseId = JSON.readTree(created.getBody()).get("caseId").asText();
                    String body = "{\"docType\":\"PASSPORT\",\"contentType\":\"application/pdf\",\"contentLength\":524288,"
                            + "\"sha256\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"}";
                    Map<String, Object> event = Map.of(
                            "version", "2.0", "routeKey", "POST /cases/{caseId}/documents", "rawPath", "/cases/" + caseId + "/documents",
                            "rawQueryString", "", "headers", Map.of("content-type", "application/json"),
                            "pathParameters", Map.of("caseId", caseId), "body", body, "isBase64Encoded", false,
                            "requestContext", Map.of("routeKey", "POST /cases/{caseId}/documents", "stage", "$default",
                                    "requestId", "cold", "http", Map.of("method", "POST", "path", "/cases/" + caseId + "/documents"),
                                    "authorizer", Map.of("jwt", Map.of("claims", Map.of("sub", subject), "scopes", List.of()))));
                    return JSON.writeValueAsString(event);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            String aws = stack.emulatorEndpoint("s3");
            String dynamo = stack.emulatorEndpoint("dynamodb");
            // The function's whole environment as the template gives it (FunctionStartupIT starts every function with
            // the same), then what points it at this stack instead of AWS.
            Map<String, String> env = new java.util.HashMap<>(
                    io.kycvault.testing.FunctionEnvironment.byHandler(Path.of("template.yaml")).get("intake-api"));
            env.put("AWS_REGION", "eu-central-1");
            env.put("AWS_ACCESS_KEY_ID", "123456789012");
            env.put("AWS_SECRET_ACCESS_KEY", "test");
            for (String service : List.of("S3", "KMS", "SQS")) {
                env.put("QUARKUS_" + service + "_ENDPOINT_OVERRIDE", aws);
            }
            env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamo);
            env.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
            env.put("KYC_STORE_TABLE", "kyc-vault-cases");
            env.put("KYC_INTAKE_BUCKET", BenchStack.BUCKET);
            env.put("KYC_INTAKE_DOCUMENTS_KEY", stack.storage.documentsKeyArn());
            env.put("KYC_INTAKE_PERSONAL_DATA_KEY", stack.kms.describeKey(r -> r.keyId("alias/kyc-vault-personal-data")).keyMetadata().arn());
            env.put("KYC_INTAKE_UPLOAD_QUEUE", "kyc-vault-upload-events");
            env.put("KYC_REVIEW_REGISTRATION_QUEUE", "kyc-vault-registrations.fifo");
            env.put("KYC_REGISTRY_QUEUE", "kyc-vault-registrations.fifo");
            env.put("KYC_REGISTRY_INVESTOR_ID_KEY", "alias/kyc-vault-investor-id");
            // No CloudFront in front of the harness: the X-Origin-Verify check is off, as on the laptop.
            env.put("KYC_EDGE_ORIGIN_CHECK", "off");
            ColdStart cold = new ColdStart(jar.toAbsolutePath(), env, nextEvent);
            List<String> common = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx512m");
            List<ColdStart.Variant> variants = List.of(
                    new ColdStart.Variant("plain JVM", List.of(), common),
                    new ColdStart.Variant("AppCDS (dynamic archive)", concat(common, "-XX:ArchiveClassesAtExit=target/bench-app.jsa"),
                            concat(common, "-XX:SharedArchiveFile=target/bench-app.jsa")),
                    new ColdStart.Variant("JDK 25 AOT cache (trained by one invocation)", concat(common, "-XX:AOTCacheOutput=target/bench-app.aot"),
                            concat(common, "-XX:AOTCache=target/bench-app.aot")));
            report.section("Cold start, JVM mode",
                    "Fresh processes of the packaged function (`intake-api`), started as the managed Java runtime starts them (the AWS "
                            + "runtime interface client loading `QuarkusStreamHandler`), polling a local Lambda Runtime API; "
                            + "time from process start to the first answered presign (its two DynamoDB calls to DynamoDB Local "
                            + "included), 10 processes per variant, flags `-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx512m`. "
                            + "Peak RSS is the process's VmHWM.");
            report.row("variant", "median (ms)", "min–max (ms)", "median peak RSS (MiB)", "goal");
            report.rule(5);
            double best = Double.MAX_VALUE;
            String bestName = "";
            for (ColdStart.Variant v : variants) {
                try {
                    List<ColdStart.Sample> samples = cold.measure(v, 10);
                    List<Long> ms = samples.stream().map(ColdStart.Sample::millis).sorted().toList();
                    List<Long> rss = samples.stream().map(ColdStart.Sample::peakRssKiB).sorted().toList();
                    double median = (ms.get(4) + ms.get(5)) / 2.0;
                    if (median < best) {
                        best = median;
                        bestName = v.name();
                    }
                    report.row(v.name(), fmt(median), ms.get(0) + "–" + ms.get(ms.size() - 1),
                            String.format("%.0f", (rss.get(4) + rss.get(5)) / 2.0 / 1024), "≤ 1,000 ms (best variant)");
                } catch (Exception e) {
                    report.row(v.name(), "failed", e.getMessage() == null ? e.toString() : e.getMessage().replace('|', '/'), "", "");
                }
            }
            report.line("");
            report.line(bestName.isEmpty() ? "No variant completed; see target/cold-start.log."
                    : "Best variant: " + bestName + String.format(" at %.0f ms: ", best) + verdict(best <= 1000) + ".");
            report.line("");
            report.line("Anchors (not measured here): a minimal Quarkus Lambda handler on these machines, 1,943 ms plain and "
                    + "622 ms with a trained AOT cache plus C1; published 2026 Lambda figures at 1024 MB arm64 (total cold-start "
                    + "duration, p50): Quarkus JVM on Java 25 3,320 ms, Quarkus native 425 ms, Node.js 24 430 ms.");
        }
    }

    /** A section that needs the packaged local stack and finds none: skipped, or in a check run an error. */
    private static void cannotRun(String section, Path jar) {
        String why = section + " needs " + jar + " (./mvnw -Plocal -Dmaven.test.skip=true package)";
        if (CHECK) {
            throw new IllegalStateException(why);
        }
        System.out.println("skipped: " + why);
    }

    private static void endToEnd(Report report, int largest) throws Exception {
        Path jar = LOCAL_STACK_JAR;
        if (!Files.exists(jar)) {
            cannotRun("the end-to-end run", jar);
            return;
        }
        List<EndToEnd.Result> results = new ArrayList<>();
        long documentBytes;
        try (EndToEnd e2e = new EndToEnd()) {
            e2e.start(jar);
            e2e.run(5, 5);
            for (int n : largest >= 1000 ? new int[] {100, 1000} : new int[] {Math.min(100, largest), largest}) {
                results.add(e2e.run(n, 8));
            }
            documentBytes = e2e.documentBytes();
        }
        if (CHECK && results.stream().anyMatch(r -> r.failures() > 0)) {
            throw new IllegalStateException("end-to-end cases failed: " + results.stream().mapToInt(EndToEnd.Result::failures).sum());
        }
        report.section("End to end on the local stack",
                "The packaged application (local profile) as its own process with LocalStack, DynamoDB Local and anvil; cases driven "
                        + "over HTTP by 8 concurrent clients: create → three uploads straight to S3 (PDF, JPEG, PNG; "
                        + String.format("%,d", documentBytes) + " bytes in all) → wallet proof (EIP-191) → submit → two approvals → "
                        + "registered on chain (batched by the chain function). Stage times are as the client sees them, "
                        + "including waiting for the asynchronous upload and chain functions.");
        report.row("cases", "failures", "wall time (s)", "cases per minute");
        report.rule(4);
        for (EndToEnd.Result r : results) {
            report.row(String.format("%,d", r.cases()), Integer.toString(r.failures()), String.format("%.1f", r.millis() / 1000.0),
                    String.format("%.1f", r.cases() / (r.millis() / 60_000.0)));
        }
        report.line("");
        List<String> header = new ArrayList<>(List.of("stage (p50 / p95, ms)"));
        results.forEach(r -> header.add(r.cases() + " cases"));
        report.row(header.toArray(String[]::new));
        report.rule(1 + results.size());
        for (String stage : EndToEnd.STAGES) {
            List<String> cells = new ArrayList<>(List.of(stage));
            for (EndToEnd.Result r : results) {
                List<Long> v = new ArrayList<>(r.stages().get(stage));
                Collections.sort(v);
                cells.add(v.isEmpty() ? "—" : v.get(v.size() / 2) + " / " + v.get(Math.min(v.size() - 1, (int) Math.ceil(v.size() * 0.95) - 1)));
            }
            report.row(cells.toArray(String[]::new));
        }
        Cost.report(report, results.get(results.size() - 1), documentBytes, gasPerInvestor);
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> out = new ArrayList<>(list);
        out.add(more);
        return out;
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
