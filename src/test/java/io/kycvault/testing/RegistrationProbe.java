package io.kycvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Stands in for the chain function as the registrations queue's consumer in the review tests:
 * drains every message into one shared log so each test can count the messages of its own case.
 */
public final class RegistrationProbe {

    private static final List<JsonNode> RECEIVED = new ArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistrationProbe() {
    }

    public static synchronized List<JsonNode> messagesFor(SqsClient sqs, String caseId) {
        String url = sqs.getQueueUrl(r -> r.queueName("kyc-vault-registrations.fifo")).queueUrl();
        int emptyReceives = 0;
        while (emptyReceives < 2) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (batch.isEmpty()) {
                emptyReceives++;
                continue;
            }
            for (Message m : batch) {
                try {
                    RECEIVED.add(JSON.readTree(m.body()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return RECEIVED.stream().filter(m -> caseId.equals(m.path("caseId").asText())).toList();
    }
}
