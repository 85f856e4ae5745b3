package io.kycvault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.kycvault.shared.DomainException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The API answers only requests that came through CloudFront (X-Origin-Verify = the secret). */
class OriginVerificationTest {

    private static APIGatewayV2HTTPEvent request(String header, String value) {
        Map<String, String> headers = new HashMap<>();
        if (header != null) {
            headers.put(header, value);
        }
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /cases/{caseId}").withHeaders(headers).build();
    }

    private static String refusal(OriginVerification guard, APIGatewayV2HTTPEvent event) {
        try {
            guard.check(event);
            return null;
        } catch (DomainException e) {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
            return e.code();
        }
    }

    @Test
    void onlyTheSecretFromCloudFrontPasses() {
        var guard = new OriginVerification(true, () -> "s3cr3t");
        assertThat(refusal(guard, request("X-Origin-Verify", "s3cr3t"))).isNull();
        assertThat(refusal(guard, request("x-origin-verify", "s3cr3t"))).as("header names are case-insensitive").isNull();
        for (var direct : List.of(request(null, null), request("x-origin-verify", ""), request("x-origin-verify", "s3cr3"),
                request("x-origin-verify", "s3cr3t "), request("x-origin-verif", "s3cr3t"))) {
            assertThat(refusal(guard, direct)).isEqualTo("DIRECT_ORIGIN_ACCESS");
        }
    }

    @Test
    void aRotatedSecretIsPickedUpWithoutARedeploy() {
        Deque<String> values = new ArrayDeque<>(List.of("old", "new"));
        AtomicInteger reads = new AtomicInteger();
        var guard = new OriginVerification(true, () -> {
            reads.incrementAndGet();
            return values.size() > 1 ? values.pop() : values.peek();
        }, java.time.Duration.ZERO);
        assertThat(refusal(guard, request("x-origin-verify", "old"))).isNull();
        assertThat(refusal(guard, request("x-origin-verify", "old"))).isNull();
        assertThat(reads).as("cached").hasValue(1);
        assertThat(refusal(guard, request("x-origin-verify", "new"))).isNull();
        assertThat(refusal(guard, request("x-origin-verify", "old"))).isEqualTo("DIRECT_ORIGIN_ACCESS");
    }

    @Test
    void directRequestsCannotFloodSecretsManager() {
        AtomicInteger reads = new AtomicInteger();
        var guard = new OriginVerification(true, () -> {
            reads.incrementAndGet();
            return "s3cr3t";
        });
        assertThat(refusal(guard, request("x-origin-verify", "s3cr3t"))).isNull();
        for (int i = 0; i < 100; i++) {
            assertThat(refusal(guard, request("x-origin-verify", "guess-" + i))).isEqualTo("DIRECT_ORIGIN_ACCESS");
        }
        assertThat(reads).as("one read, no re-read within a minute of it").hasValue(1);
    }

    @Test
    void anUnreadableOrMissingSecretRefusesEverything() {
        var failing = new OriginVerification(true, () -> {
            throw new IllegalStateException("AccessDenied");
        });
        assertThat(refusal(failing, request("x-origin-verify", "anything"))).isEqualTo("DIRECT_ORIGIN_ACCESS");
        var unconfigured = new OriginVerification(true, () -> null);
        assertThat(refusal(unconfigured, request("x-origin-verify", ""))).isEqualTo("DIRECT_ORIGIN_ACCESS");
        assertThatThrownBy(() -> unconfigured.check(request(null, null))).isInstanceOf(DomainException.class);
    }

    @Test
    void theLaptopStackHasNoCloudFront() {
        assertThat(refusal(OriginVerification.off(), request(null, null))).isNull();
    }
}
