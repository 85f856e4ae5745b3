package io.kycvault.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kycvault.testing.FunctionEnvironment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every function of the template starts from the built artifact with exactly the environment the
 * template gives it (Globals, then its own variables; {@link FunctionEnvironment}) and nothing from
 * the test or local profiles, as the managed java21 runtime starts it (the artifact unpacked, the AWS
 * runtime interface client loading the template's handler): Quarkus boots, validates its configuration
 * and the runtime asks the Lambda Runtime API for the first event. A required setting the template does not give fails here rather than at the
 * first invocation after a deploy. The Runtime API is a local stand-in that holds the poll; AWS
 * endpoints point at a closed port, so a function that called AWS while starting would fail too.
 */
class FunctionStartupIT {

    private static final Path ZIP = Path.of("target", "function.zip");
    private static final Path UNPACKED = Path.of("target", "function-startup");
    /** The runtime interface client the managed java21 runtime starts functions with (copied by the build). */
    private static final Path RUNTIME_CLIENT = Path.of("target", "tools", "ric");
    /** Where the runtime interface client loads its native library from instead of unpacking it to /tmp. */
    private static final String NATIVE_CLIENT_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** The template's Handler for the java21 runtime. */
    private static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    @Test
    void everyFunctionStartsWithTheTemplatesEnvironmentAlone() throws Exception {
        assertThat(ZIP).as("run after the package phase").exists();
        unpack();
        assertThat(Files.readString(Path.of("template.yaml"))).as("the template's JVM handler").contains(HANDLER);
        Map<String, Map<String, String>> functions = FunctionEnvironment.byHandler(Path.of("template.yaml"));
        assertThat(functions).hasSizeGreaterThanOrEqualTo(13);
        Path nativeClient = unpackNativeClient();
        // Side by side, one per core. Left to itself the runtime interface client unpacks its native
        // library to one fixed path (/tmp/.libaws-lambda-jni.so) in every process, and two starting
        // together crash each other (SIGBUS); given the library's path it only loads it.
        var pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<String> failures;
        try {
            List<java.util.concurrent.Future<String>> started = new ArrayList<>();
            for (var function : functions.entrySet()) {
                started.add(pool.submit(() -> {
                    String failure = start(function.getKey(), function.getValue(), nativeClient);
                    return failure == null ? null : function.getKey() + ": " + failure;
                }));
            }
            failures = new ArrayList<>();
            for (var outcome : started) {
                String failure = outcome.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("functions that did not reach their first poll").isEmpty();
    }

    /** Null when the function asked for its first event; otherwise what it reported instead. */
    private static String start(String handler, Map<String, String> environment, Path nativeClient) throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        HttpServer runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        runtimeApi.createContext("/2018-06-01/runtime/invocation/next", exchange -> {
            outcome.complete(null);
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        runtimeApi.createContext("/2018-06-01/runtime/init/error", exchange -> {
            outcome.complete("init error " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        runtimeApi.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        }));
        runtimeApi.start();
        Path log = Path.of("target", "function-startup-" + handler + ".log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx256m", "-D" + NATIVE_CLIENT_PROPERTY + "=" + nativeClient.toAbsolutePath(), "-cp", String.join(java.io.File.pathSeparator, UNPACKED.toAbsolutePath().toString(),
                        UNPACKED.toAbsolutePath().resolve("lib") + "/*", RUNTIME_CLIENT.toAbsolutePath() + "/*"),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", HANDLER)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("KYC_") || name.startsWith("AWS_"));
        env.putAll(environment);
        String closed = "http://127.0.0.1:" + closedPort();
        for (String service : List.of("S3", "KMS", "SQS", "DYNAMODB")) {
            env.put("QUARKUS_" + service + "_ENDPOINT_OVERRIDE", closed);
        }
        env.put("AWS_REGION", FunctionEnvironment.REGION);
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "kyc-vault-" + handler);
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getAddress().getPort());
        Process process = builder.start();
        try {
            String failure = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!outcome.isDone() && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (outcome.isDone()) {
                failure = outcome.get();
            } else if (!process.isAlive()) {
                failure = "exited with " + process.exitValue();
            } else {
                failure = "no poll within 90 s";
            }
            return failure == null ? null : failure + " (see " + log + ": " + tail(log) + ")";
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            runtimeApi.stop(0);
        }
    }

    /** The artifact as Lambda unpacks it: the application's classes at the root, its libraries in lib/. */
    private static void unpack() throws IOException {
        if (Files.exists(UNPACKED)) {
            try (var files = Files.walk(UNPACKED)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(ZIP.toFile())) {
            for (var entry : zip.stream().toList()) {
                Path target = UNPACKED.resolve(entry.getName()).normalize();
                if (!target.startsWith(UNPACKED)) {
                    throw new IOException("entry outside the artifact: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (var in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    /** The runtime interface client's native library for this machine, unpacked once from its jar. */
    private static Path unpackNativeClient() throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> throw new IllegalStateException("no runtime interface client library for " + System.getProperty("os.arch"));
        };
        Path jar;
        try (var files = Files.list(RUNTIME_CLIENT)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no runtime interface client in " + RUNTIME_CLIENT));
        }
        Path library = UNPACKED.resolveSibling("function-startup-jni").resolve("libaws-lambda-jni.so");
        Files.createDirectories(library.getParent());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            var entry = zip.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
            assertThat(entry).as("the native library in " + jar).isNotNull();
            try (var in = zip.getInputStream(entry)) {
                Files.copy(in, library, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return library;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("SRCFG") || l.contains("Caused by")
                || l.contains("ERROR")).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
}
