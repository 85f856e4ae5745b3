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
 * Starts the AWS emulators the tests talk to over the real wire protocols, points the
 * Quarkus-configured SDK clients at them, and stops them after: moto server (S3, SQS, KMS) from the
 * project's virtualenv and DynamoDB Local (AWS's own engine, with real conditional writes and
 * serializable transactions) from {@code .local/tools}. Both are installed by {@code bin/test}.
 */
public class LocalAws implements QuarkusTestResourceLifecycleManager {

    private final List<Process> processes = new ArrayList<>();
    private static volatile String motoEndpoint;
    private static volatile String dynamoEndpoint;

    public static String motoEndpoint() {
        return motoEndpoint;
    }

    public static String dynamoEndpoint() {
        return dynamoEndpoint;
    }

    @Override
    public Map<String, String> start() {
        Path motoServer = Path.of(".venv", "bin", "moto_server").toAbsolutePath();
        Path dynamoLocal = Path.of(".local", "tools", "dynamodb-local").toAbsolutePath();
        if (!Files.isExecutable(motoServer) || !Files.exists(dynamoLocal.resolve("DynamoDBLocal.jar"))) {
            throw new IllegalStateException("emulators missing (" + motoServer + ", " + dynamoLocal
                    + "): run the tests through bin/test, which installs them");
        }
        int motoPort = freePort();
        int dynamoPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        processes.add(start("moto", motoPort, motoServer.toString(), "-H", "127.0.0.1", "-p", Integer.toString(motoPort)));
        processes.add(start("dynamodb-local", dynamoPort, java, "-Xmx512m", "-Djava.library.path=" + dynamoLocal,
                "-cp", dynamoLocal + "/*", "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-inMemory", "-sharedDb", "-port", Integer.toString(dynamoPort)));
        motoEndpoint = "http://127.0.0.1:" + motoPort;
        dynamoEndpoint = "http://127.0.0.1:" + dynamoPort;
        return Map.of(
                "quarkus.s3.endpoint-override", motoEndpoint,
                "quarkus.kms.endpoint-override", motoEndpoint,
                "quarkus.sqs.endpoint-override", motoEndpoint,
                "quarkus.dynamodb.endpoint-override", dynamoEndpoint);
    }

    private static Process start(String name, int port, String... command) {
        try {
            Files.createDirectories(Path.of("target"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", name + "-test.log").toFile())
                    .start();
            waitForPort(port, process);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    @Override
    public void stop() {
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
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void waitForPort(int port, Process process) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
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
