package io.kycvault.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Starts LocalStack's runtime and DynamoDB Local when test discovery begins, if a {@code @QuarkusTest}
 * class is among the selected ones, so that their start-up (LocalStack's Python imports, DynamoDB
 * Local's JVM) overlaps the Quarkus build of the application under test instead of following it.
 * {@link LocalStack#start} takes them over (same commands, settings and files) and stops them; an
 * emulator no test resource took over is stopped when the JVM exits. The two meet through system
 * properties: the listener and the test resource live in different class loaders.
 */
public final class EarlyEmulators implements LauncherDiscoveryListener {

    static final String LOCALSTACK = "kyc.test.early-localstack";
    static final String DYNAMODB = "kyc.test.early-dynamodb";

    private static boolean started;

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        synchronized (EarlyEmulators.class) {
            if (started || "container".equals(System.getProperty("kyc.aws-emulator")) || !quarkusTestSelected(request)) {
                return;
            }
            started = true;
        }
        Path python = Path.of(".venv-localstack", "bin", "python").toAbsolutePath();
        if (Files.isExecutable(python)) {
            Path root = Path.of("target", "localstack");
            start(LOCALSTACK, "localstack", port -> LocalStack.localStackEnvironment(port, root), root,
                    port -> List.of(python.toString(), "-m", "localstack.runtime.main"));
        }
        Path dynamoLocal = Path.of(".local", "tools", "dynamodb-local").toAbsolutePath();
        if (Files.exists(dynamoLocal.resolve("DynamoDBLocal.jar"))) {
            start(DYNAMODB, "dynamodb-local", port -> Map.of(), null, port -> LocalStack.dynamoDbLocalCommand(dynamoLocal, port));
        }
    }

    /** Starts one emulator on a free port and publishes its port and pid; on failure, LocalStack.start starts its own. */
    private static void start(String property, String log, IntFunction<Map<String, String>> environment, Path root,
            IntFunction<List<String>> command) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(Path.of("target"));
            if (root != null) {
                Files.createDirectories(root);
            }
            ProcessBuilder builder = new ProcessBuilder(command.apply(port))
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", log + "-test.log").toFile());
            builder.environment().putAll(environment.apply(port));
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (process.isAlive()) {
                    process.destroy();
                    try {
                        if (!process.waitFor(10, TimeUnit.SECONDS)) {
                            process.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                    }
                }
            }, "early-" + log + "-stop"));
            System.setProperty(property + ".port", Integer.toString(port));
            System.setProperty(property + ".pid", Long.toString(process.pid()));
        } catch (IOException e) {
            // Not fatal: LocalStack.start starts its own.
        }
    }

    /** Whether a selected class carries {@code @QuarkusTest} (read without initialising the class). */
    private static boolean quarkusTestSelected(LauncherDiscoveryRequest request) {
        ClassLoader loader = EarlyEmulators.class.getClassLoader();
        for (ClassSelector selector : request.getSelectorsByType(ClassSelector.class)) {
            try {
                Class<?> type = Class.forName(selector.getClassName(), false, loader);
                for (var annotation : type.getAnnotations()) {
                    if (annotation.annotationType().getName().equals("io.quarkus.test.junit.QuarkusTest")) {
                        return true;
                    }
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not ours to judge
            }
        }
        return false;
    }
}
