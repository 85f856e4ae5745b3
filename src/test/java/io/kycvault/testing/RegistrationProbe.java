package io.kycvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.local.LocalQueuePollers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Watches the registrations queue's deliveries to the chain function (through the local event
 * source mapping), so a test can count the distinct messages handed on for its case.
 */
public final class RegistrationProbe {

    private static final Map<String, JsonNode> RECEIVED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "kyc-vault-registrations.fifo";
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

    /**
     * Distinct messages for the case: waits up to 15 s for the first, then until the queue holds no
     * message that was never delivered (at most 10 s more), so a duplicate sent before this call has
     * been seen here by the time it returns.
     */
    public static List<JsonNode> messagesFor(String caseId) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline && matching(caseId).isEmpty()) {
            Cases.sleep(100);
        }
        long drained = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < drained && undelivered() > 0) {
            Cases.sleep(100);
        }
        return matching(caseId);
    }

    /** Messages waiting in the registrations queue that were never received (a test client, outside the oracle). */
    private static int undelivered() {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(LocalStack.awsEndpoint())).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
            return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }

    private static List<JsonNode> matching(String caseId) {
        return RECEIVED.values().stream().filter(m -> caseId.equals(m.path("caseId").asText())).toList();
    }
}
