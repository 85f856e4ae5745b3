package io.kycvault.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.kycvault.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Only CloudFront (with its WAF) may reach the API: it adds {@code X-Origin-Verify} with a secret
 * value (template.yaml, OriginVerifySecret), overwriting any value a viewer sends. An HTTP API cannot
 * check a header itself, so every API function does, before anything else: a request that came
 * straight to the execute-api endpoint is refused with 403 {@code DIRECT_ORIGIN_ACCESS} and a
 * {@code SECURITY_EVENT} line (alarmed). The secret is read once and read again on a mismatch (at
 * most once a minute, so direct requests cannot turn into a flood of Secrets Manager calls), so a
 * rotation needs no redeploy. Fails closed: an unreadable secret refuses every request.
 */
public final class OriginVerification {

    public static final String HEADER = "x-origin-verify";
    private static final Logger LOG = Logger.getLogger(OriginVerification.class);

    private final boolean required;
    private final Supplier<String> secret;
    private final long rereadAfterNanos;
    private volatile byte[] expected;
    private volatile long readAt;

    /** @param secret reads the current secret value (Secrets Manager in AWS) */
    public OriginVerification(boolean required, Supplier<String> secret) {
        this(required, secret, java.time.Duration.ofMinutes(1));
    }

    OriginVerification(boolean required, Supplier<String> secret, java.time.Duration rereadAfter) {
        this.required = required;
        this.secret = secret;
        this.rereadAfterNanos = rereadAfter.toNanos();
    }

    public static OriginVerification off() {
        return new OriginVerification(false, () -> null);
    }

    public void check(APIGatewayV2HTTPEvent event) {
        if (!required) {
            return;
        }
        byte[] presented = presented(event.getHeaders());
        if (presented != null && (matches(presented, false) || matches(presented, true))) {
            return;
        }
        String ip = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "?"
                : event.getRequestContext().getHttp().getSourceIp();
        LOG.warnf("SECURITY_EVENT DIRECT_ORIGIN_ACCESS route=%s sourceIp=%s header=%s", event.getRouteKey(), ip,
                presented == null ? "absent" : "wrong");
        throw DomainException.forbidden("DIRECT_ORIGIN_ACCESS", "requests must come through the API's public address");
    }

    private static byte[] presented(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (var e : headers.entrySet()) {
            if (HEADER.equalsIgnoreCase(e.getKey()) && e.getValue() != null) {
                return e.getValue().getBytes(StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private boolean matches(byte[] presented, boolean reread) {
        byte[] current = expected;
        if (reread && current != null && System.nanoTime() - readAt < rereadAfterNanos) {
            return false;
        }
        if (current == null || reread) {
            readAt = System.nanoTime();
            String value;
            try {
                value = secret.get();
            } catch (RuntimeException e) {
                LOG.error("origin secret unreadable; refusing requests", e);
                return false;
            }
            if (value == null || value.isEmpty()) {
                return false;
            }
            current = value.getBytes(StandardCharsets.UTF_8);
            expected = current;
        }
        return MessageDigest.isEqual(current, presented);
    }
}
