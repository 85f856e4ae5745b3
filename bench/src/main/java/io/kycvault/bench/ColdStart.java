package io.kycvault.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the packaged function in JVM mode, the way Lambda starts it: a fresh process whose
 * runtime client polls a Runtime API (here a small one on localhost). Measured from process start
 * to the first presign answered — including its DynamoDB round trips to the emulator — with the
 * process's peak RSS, for plain JVM, AppCDS and the JDK 25 AOT cache (trained by a first invocation).
 */
final class ColdStart {

    record Variant(String name, List<String> trainingFlags, List<String> runFlags) {
    }

    record Sample(long millis, long peakRssKiB) {
    }

    private final Path runnerJar;
    private final Map<String, String> environment;
    private final String event;

    ColdStart(Path runnerJar, Map<String, String> environment, String event) {
        this.runnerJar = runnerJar;
        this.environment = environment;
        this.event = event;
    }

    /** A one-shot Lambda Runtime API: hands out one event, waits for its response. */
    private static final class RuntimeApi implements AutoCloseable {
        final HttpServer server;
        final CompletableFuture<Long> answered = new CompletableFuture<>();
        volatile boolean delivered;

        RuntimeApi(String event) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/2018-06-01/runtime/invocation/next", exchange -> {
                if (delivered) {
                    // Lambda freezes the environment between invocations; hold the second poll.
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                delivered = true;
                byte[] body = event.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", "cold-start-1");
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-central-1:123456789012:function:kyc-vault-intake-api");
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.createContext("/2018-06-01/runtime/invocation/", exchange -> {
                long now = System.nanoTime();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                if (exchange.getRequestURI().getPath().endsWith("/response") && body.contains("\"statusCode\":201")) {
                    answered.complete(now);
                } else {
                    answered.completeExceptionally(new IllegalStateException("invocation failed: " + body));
                }
            });
            server.createContext("/2018-06-01/runtime/init/error", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                answered.completeExceptionally(new IllegalStateException("init failed: " + body));
            });
            server.start();
        }

        String address() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    Sample once(List<String> flags) throws Exception {
        try (RuntimeApi api = new RuntimeApi(event)) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(flags);
            command.add("-jar");
            command.add(runnerJar.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "cold-start.log").toFile());
            builder.environment().putAll(environment);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                long answered = api.answered.get(120, TimeUnit.SECONDS);
                long rss = peakRss(process.pid());
                return new Sample(TimeUnit.NANOSECONDS.toMillis(answered - start), rss);
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    List<Sample> measure(Variant variant, int runs) throws Exception {
        if (!variant.trainingFlags().isEmpty()) {
            once(variant.trainingFlags());
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(once(variant.runFlags()));
        }
        return samples;
    }
}
