package io.kycvault.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a real moto server (S3, SQS, KMS, DynamoDB over the AWS wire protocol) from the project's
 * virtualenv for the tests, points the Quarkus-configured AWS SDK clients at it, and stops it after.
 */
public class MotoEmulator implements QuarkusTestResourceLifecycleManager {

    private static volatile String endpoint;
    private Process process;

    public static String endpoint() {
        return endpoint;
    }

    @Override
    public Map<String, String> start() {
        Path motoServer = Path.of(".venv", "bin", "moto_server").toAbsolutePath();
        if (!Files.isExecutable(motoServer)) {
            throw new IllegalStateException(motoServer + " is missing: run the tests through bin/test, which installs it");
        }
        int port = freePort();
        try {
            Files.createDirectories(Path.of("target"));
            process = new ProcessBuilder(motoServer.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "moto-test.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto", e);
        }
        waitForPort(port, process);
        endpoint = "http://127.0.0.1:" + port;
        return Map.of(
                "quarkus.s3.endpoint-override", endpoint,
                "quarkus.kms.endpoint-override", endpoint,
                "quarkus.dynamodb.endpoint-override", endpoint,
                "quarkus.sqs.endpoint-override", endpoint);
    }

    @Override
    public void stop() {
        if (process != null) {
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
