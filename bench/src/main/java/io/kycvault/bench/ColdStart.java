package io.kycvault.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cold start of the packaged function in JVM mode, the way Lambda's java21 runtime starts it: a
 * fresh process running the AWS runtime interface client, which loads {@code QuarkusStreamHandler}
 * and polls a Runtime API (here a small one on localhost). Measured from process start
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
    private final Supplier<String> events;

    ColdStart(Path runnerJar, Map<String, String> environment, Supplier<String> events) {
        this.runnerJar = runnerJar;
        this.environment = environment;
        this.events = events;
    }

    /**
     * A one-shot Lambda Runtime API: hands out one event, waits for its response. Written on a plain
     * socket because the runtime interface client's native HTTP client looks response headers up
     * with their exact spelling, which the JDK's HttpServer rewrites ("Lambda-runtime-aws-request-id").
     */
    private static final class RuntimeApi implements AutoCloseable {
        final ServerSocket server;
        final CompletableFuture<Long> answered = new CompletableFuture<>();
        final String event;
        volatile boolean delivered;

        RuntimeApi(String event) throws IOException {
            this.event = event;
            server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "runtime-api");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread connection = new Thread(() -> serve(socket), "runtime-api-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                OutputStream out = socket.getOutputStream();
                while (true) {
                    String requestLine = line(in);
                    if (requestLine == null || requestLine.isEmpty()) {
                        return;
                    }
                    Map<String, String> headers = new HashMap<>();
                    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                        int colon = header.indexOf(':');
                        headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                    }
                    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    String body = new String(body(in, headers), StandardCharsets.UTF_8);
                    long now = System.nanoTime();
                    String path = requestLine.split(" ")[1];
                    if (path.endsWith("/invocation/next")) {
                        if (delivered) {
                            // Lambda freezes the environment between invocations; hold the second poll.
                            Thread.sleep(60_000);
                            return;
                        }
                        delivered = true;
                        byte[] payload = event.getBytes(StandardCharsets.UTF_8);
                        String head = "HTTP/1.1 200 OK\r\n"
                                + "Content-Type: application/json\r\n"
                                + "Lambda-Runtime-Aws-Request-Id: cold-start-1\r\n"
                                + "Lambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 60_000) + "\r\n"
                                + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:eu-central-1:123456789012:function:kyc-vault-intake-api\r\n"
                                + "Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000\r\n"
                                + "Content-Length: " + payload.length + "\r\n\r\n";
                        out.write(head.getBytes(StandardCharsets.US_ASCII));
                        out.write(payload);
                        out.flush();
                        continue;
                    }
                    out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (path.endsWith("/response") && body.contains("\"statusCode\":201")) {
                        answered.complete(now);
                    } else {
                        answered.completeExceptionally(new IllegalStateException("invocation failed at " + path + ": " + body));
                    }
                }
            } catch (IOException e) {
                // connection closed by the client
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static byte[] body(DataInputStream in, Map<String, String> headers) throws IOException {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    byte[] chunk = new byte[size];
                    in.readFully(chunk);
                    body.write(chunk);
                    line(in);
                }
                line(in);
                return body.toByteArray();
            }
            byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            in.readFully(body);
            return body;
        }

        private static String line(DataInputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    return line.toString();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.isEmpty() ? null : line.toString();
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    Sample once(List<String> flags) throws Exception {
        try (RuntimeApi api = new RuntimeApi(events.get())) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(flags);
            // As the managed java21 runtime does: the runtime interface client loads the handler class.
            command.add("-cp");
            command.add(runnerJar + ":" + Path.of("target", "tools", "ric").toAbsolutePath() + "/*");
            command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
            command.add("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
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
