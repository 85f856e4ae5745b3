package io.kycvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bin/smoke} — the HTTP-level walk operators run against a deployed stack — against the
 * local stack the tests start (LocalStack, DynamoDB Local, anvil, the local gateway and issuer, the local
 * event source mappings that feed the upload and chain functions), so CI keeps the script honest.
 */
@QuarkusTest
class SmokeTest {

    private static final Logger LOG = Logger.getLogger(SmokeTest.class);
    private static final long WAIT_SECONDS = 180;

    @Inject
    LocalGateway gateway;

    @Test
    void smokeWalkPassesAgainstTheLocalStack() throws IOException, InterruptedException {
        String baseUrl = new Api(gateway).base();
        ProcessBuilder builder = new ProcessBuilder("bin/smoke", baseUrl).redirectErrorStream(true);
        // Tokens come from the local issuer, never from a developer's deployed-stack variables.
        builder.environment().keySet().removeIf(k -> k.startsWith("KYC_SMOKE_"));
        builder.environment().put("KYC_SMOKE_DEADLINE", Long.toString(WAIT_SECONDS - 10));
        Process smoke = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread pump = Thread.ofPlatform().name("smoke-output").daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(smoke.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                    LOG.info("[smoke] " + line);
                }
            } catch (IOException e) {
                LOG.warn("reading bin/smoke output failed", e);
            }
        });
        boolean finished = smoke.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            smoke.descendants().forEach(ProcessHandle::destroyForcibly);
            smoke.destroyForcibly();
        }
        pump.join(5_000);
        String output = String.join("\n", lines);
        assertThat(finished).as("bin/smoke finished within %d s:%n%s", WAIT_SECONDS, output).isTrue();
        assertThat(smoke.exitValue()).as(output).isZero();
        assertThat(lines).as(output).isNotEmpty();
        assertThat(lines.get(lines.size() - 1)).as(output).matches("smoke: [1-9][0-9]* passed, 0 failed");
        assertThat(lines).as(output).noneMatch(l -> l.startsWith("FAIL"))
                .anyMatch(l -> l.startsWith("ok   REGISTERED"));
    }
}
