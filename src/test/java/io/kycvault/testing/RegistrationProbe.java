package io.kycvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.local.LocalQueuePollers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the registrations queue's deliveries to the chain function (through the local event
 * source mapping), so a test can count the distinct messages handed on for its case.
 */
public final class RegistrationProbe {

    private static final Map<String, JsonNode> RECEIVED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean installed;

    private RegistrationProbe() {
    }

    public static synchronized void install(LocalQueuePollers pollers) {
        if (!installed) {
            pollers.tapRegistrations(m -> {
                try {
                    RECEIVED.put(m.messageId(), JSON.readTree(m.body()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            installed = true;
        }
    }

    /** Distinct messages for the case, waiting a few seconds for the first and a little for any duplicate. */
    public static List<JsonNode> messagesFor(String caseId) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline && matching(caseId).isEmpty()) {
            Cases.sleep(100);
        }
        Cases.sleep(2000);
        return matching(caseId);
    }

    private static List<JsonNode> matching(String caseId) {
        return RECEIVED.values().stream().filter(m -> caseId.equals(m.path("caseId").asText())).toList();
    }
}
