package io.kycvault.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts what the tests talk to over the real wire protocols, points the application at it, and
 * stops it after: LocalStack (S3, SQS, KMS, EventBridge; S3 verifying SigV4 signatures, their expiry
 * and upload checksums) from the project's {@code .venv-localstack}, DynamoDB Local (AWS's own
 * engine, with real conditional writes and serializable transactions) from {@code .local/tools},
 * and anvil (a real Ethereum node) from {@code node_modules}. All are installed by {@code bin/test}.
 * The application deploys its registrar on the node at start-up (local profile bootstrap).
 */
public class LocalStack implements QuarkusTestResourceLifecycleManager {

    private final List<Process> processes = new ArrayList<>();
    /** Processes this resource took over rather than started (an early LocalStack). */
    private final List<ProcessHandle> handles = new ArrayList<>();
    private AwsEmulator container;
    private static volatile String awsEndpoint;
    private static volatile String dynamoEndpoint;
    private static volatile String ethereumEndpoint;
    private static volatile String signerKey;
    private static volatile int anvilPort;
    private static volatile Process anvil;

    public static String ethereumEndpoint() {
        return ethereumEndpoint;
    }

    /** The pipeline signer's private key (a local stand-in for the KMS key; see README). */
    public static String signerKey() {
        return signerKey;
    }

    /** LocalStack's gateway: S3, SQS, KMS and EventBridge. */
    public static String awsEndpoint() {
        return awsEndpoint;
    }

    public static String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    @Override
    public Map<String, String> start() {
        try {
            return startAll();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> startAll() throws java.security.GeneralSecurityException {
        Path localstackPython = Path.of(".venv-localstack", "bin", "python").toAbsolutePath();
        Path dynamoLocal = Path.of(".local", "tools", "dynamodb-local").toAbsolutePath();
        boolean inContainer = "container".equals(System.getProperty("kyc.aws-emulator"));
        if ((!inContainer && !Files.isExecutable(localstackPython)) || !Files.exists(dynamoLocal.resolve("DynamoDBLocal.jar"))) {
            throw new IllegalStateException("emulators missing (" + localstackPython + ", " + dynamoLocal
                    + "): run the tests through bin/test, which installs them");
        }
        // The three start side by side (LocalStack's Python start-up is the longest), or were started when
        // test discovery began (EarlyEmulators: the same commands and settings); each is waited for after.
        Started early = inContainer ? null : takeOver(EarlyEmulators.LOCALSTACK);
        int awsPort = early != null ? early.port() : freePort();
        ProcessHandle localstack = null;
        if (inContainer) {
            // The localstack-container profile: the same settings, LocalStack's image instead of the host process.
            container = containerEmulator();
            awsEndpoint = container.start(localStackEnvironment(awsPort, Path.of("target", "localstack")));
        } else if (early != null) {
            localstack = early.process();
            handles.add(localstack);
            awsEndpoint = "http://127.0.0.1:" + awsPort;
        } else {
            Process process = launchLocalStack(awsPort, localstackPython, Path.of("target", "localstack"));
            processes.add(process);
            localstack = process.toHandle();
            awsEndpoint = "http://127.0.0.1:" + awsPort;
        }
        Started earlyDynamo = takeOver(EarlyEmulators.DYNAMODB);
        int dynamoPort = earlyDynamo != null ? earlyDynamo.port() : freePort();
        ProcessHandle dynamo;
        if (earlyDynamo != null) {
            dynamo = earlyDynamo.process();
            handles.add(dynamo);
        } else {
            Process process = launch("dynamodb-local", dynamoDbLocalCommand(dynamoLocal, dynamoPort).toArray(String[]::new));
            processes.add(process);
            dynamo = process.toHandle();
        }
        anvilPort = freePort();
        try {
            Files.deleteIfExists(Path.of("target", "anvil-state.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        anvil = startAnvil(anvilPort);
        processes.add(anvil);
        waitForPort(dynamoPort, dynamo::isAlive);
        if (localstack != null) {
            waitForHealth(awsPort, localstack);
        }
        dynamoEndpoint = "http://127.0.0.1:" + dynamoPort;
        ethereumEndpoint = "http://127.0.0.1:" + anvilPort;
        // The authorization oracle's recorder reads objects' scan tags here (a system property: it crosses class loaders).
        System.setProperty("kyc.test.aws-endpoint", awsEndpoint);
        signerKey = org.web3j.utils.Numeric.toHexStringNoPrefixZeroPadded(
                org.web3j.crypto.Keys.createEcKeyPair().getPrivateKey(), 64);
        return Map.of(
                "quarkus.s3.endpoint-override", awsEndpoint,
                "quarkus.kms.endpoint-override", awsEndpoint,
                "quarkus.sqs.endpoint-override", awsEndpoint,
                "quarkus.dynamodb.endpoint-override", dynamoEndpoint,
                "kyc.registry.rpc-url", ethereumEndpoint,
                "kyc.lifecycle.events-endpoint", awsEndpoint,
                "kyc.local.emulator", awsEndpoint,
                "kyc.local.signer-key", signerKey);
    }

    /**
     * LocalStack's runtime on the host (no Docker), the services the application uses, no persistence,
     * S3 signature validation on, its files under {@code root}; ready when its health endpoint says so.
     */
    public static Process startLocalStack(int port, Path python, Path root) {
        Process process = launchLocalStack(port, python, root);
        waitForHealth(port, process.toHandle());
        return process;
    }

    private record Started(int port, ProcessHandle process) {
    }

    /** An emulator {@link EarlyEmulators} started for this JVM, taken over once (if still running); else null. */
    private static Started takeOver(String property) {
        String pid = System.getProperty(property + ".pid");
        String port = System.getProperty(property + ".port");
        System.clearProperty(property + ".pid");
        System.clearProperty(property + ".port");
        if (pid == null || port == null) {
            return null;
        }
        return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)
                .map(process -> new Started(Integer.parseInt(port), process)).orElse(null);
    }

    /** DynamoDB Local in memory on the port, run by this JVM's java, sending no telemetry (as bin/stack runs it). */
    static List<String> dynamoDbLocalCommand(Path dynamoLocal, int port) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-Xmx512m", "-Djava.library.path=" + dynamoLocal,
                "-cp", dynamoLocal + "/*", "com.amazonaws.services.dynamodbv2.local.main.ServerRunner", "-inMemory", "-sharedDb",
                "-disableTelemetry", "-port", Integer.toString(port));
    }

    /** Starts LocalStack's runtime without waiting for it (see {@link #startLocalStack}). */
    private static Process launchLocalStack(int port, Path python, Path root) {
        try {
            Files.createDirectories(root);
            ProcessBuilder builder = new ProcessBuilder(python.toString(), "-m", "localstack.runtime.main")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "localstack-test.log").toFile());
            builder.environment().putAll(localStackEnvironment(port, root));
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start LocalStack", e);
        }
    }

    /** The settings bin/stack uses too (see there). */
    public static Map<String, String> localStackEnvironment(int port, Path root) {
        return Map.ofEntries(
                Map.entry("GATEWAY_LISTEN", "127.0.0.1:" + port),
                Map.entry("LOCALSTACK_HOST", "127.0.0.1:" + port),
                Map.entry("SERVICES", "s3,sqs,kms,events"),
                Map.entry("EAGER_SERVICE_LOADING", "1"),
                Map.entry("PERSISTENCE", "0"),
                Map.entry("S3_SKIP_SIGNATURE_VALIDATION", "0"),
                Map.entry("SQS_ENDPOINT_STRATEGY", "path"),
                Map.entry("DNS_ADDRESS", "0"),
                Map.entry("DISABLE_EVENTS", "1"),
                Map.entry("FILESYSTEM_ROOT", root.toAbsolutePath().toString()));
    }

    private static void waitForHealth(int port, ProcessHandle process) {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/_localstack/health"))
                .timeout(java.time.Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("LocalStack exited early; see target/localstack-test.log");
            }
            try {
                String body = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (body.matches("(?s).*\"s3\": \"(available|running)\".*") && body.matches("(?s).*\"sqs\": \"(available|running)\".*")
                        && body.matches("(?s).*\"kms\": \"(available|running)\".*") && body.matches("(?s).*\"events\": \"(available|running)\".*")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("LocalStack did not become healthy on port " + port);
    }

    /** Starts a process logging to target/{name}-test.log, without waiting for it. */
    private static Process launch(String name, String... command) {
        try {
            Files.createDirectories(Path.of("target"));
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", name + "-test.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** anvil from node_modules, state kept in a file so a restart (a test fault) keeps the chain. */
    private static Process startAnvil(int port) {
        return Chain.start(port, Path.of("target", "anvil-state.json"));
    }

    /** The platform binary the npm package ships (signals reach it directly), else the npm wrapper. */
    public static Path anvilBinary() {
        Path scope = Path.of("node_modules", "@foundry-rs").toAbsolutePath();
        try (var dirs = Files.list(scope)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("anvil-"))
                    .map(d -> d.resolve("bin").resolve("anvil"))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElse(Path.of("node_modules", ".bin", "anvil").toAbsolutePath());
        } catch (IOException e) {
            return Path.of("node_modules", ".bin", "anvil").toAbsolutePath();
        }
    }

    /** Stops the node and starts it again on the same port and state: pending transactions are lost. */
    public static synchronized void restartAnvil() {
        stopAnvil();
        startAnvil();
    }

    /** Starts the node again on its port with the state it saved when stopped. */
    public static synchronized void startAnvil() {
        anvil = startAnvil(anvilPort);
    }

    /** Starts a node on the same port with no state: a reset chain (its state file is thrown away on stop). */
    public static synchronized void startEmptyAnvil() {
        try {
            Path empty = Files.createTempFile(Path.of("target"), "anvil-empty-", ".json");
            Files.delete(empty);
            anvil = Chain.start(anvilPort, empty);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the node (SIGTERM: anvil writes its state file) and waits until its port is closed. */
    public static synchronized void stopAnvil() {
        anvil.destroy();
        try {
            anvil.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 100 && portOpen(anvilPort); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean portOpen(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static AwsEmulator containerEmulator() {
        try {
            return (AwsEmulator) Class.forName("io.kycvault.testing.container.LocalStackInDocker").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("kyc.aws-emulator=container needs the localstack-container Maven profile", e);
        }
    }

    @Override
    public void stop() {
        if (container != null) {
            container.close();
            container = null;
        }
        if (anvil != null && anvil.isAlive()) {
            anvil.destroy();
        }
        for (Process process : processes) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (ProcessHandle handle : handles) {
            handle.destroy();
            try {
                handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                handle.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        handles.clear();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void waitForPort(int port, Process process) {
        waitForPort(port, process::isAlive);
    }

    static void waitForPort(int port, java.util.function.BooleanSupplier alive) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("emulator process exited early");
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("emulator did not open port " + port);
    }
}
