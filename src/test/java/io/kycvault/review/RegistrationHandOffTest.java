package io.kycvault.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.local.LocalQueuePollers;
import io.kycvault.review.application.RegistrationQueue;
import io.kycvault.review.application.RegistrationRequest;
import io.kycvault.testing.RegistrationProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The approval and its outbox entry are one transaction; what happens after is the relay's job.
 * A crash after the commit (entry left in the outbox) loses nothing; a crash after the send and
 * before the entry's removal sends again under the same deduplication id, which an AWS FIFO queue
 * drops within five minutes (LocalStack's FIFO queues drop it too). This test sends the repeat
 * straight to the chain function's input and pins down what makes it harmless either way: every copy carries the same case and approval,
 * and the chain function registers a case once however often it is told (ChainRegistrationTest).
 */
@QuarkusTest
class RegistrationHandOffTest {

    private static final String QUEUE = "kyc-vault-registrations.fifo";

    @Inject
    RegistrationQueue queue;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    LocalQueuePollers pollers;

    @Test
    void entryLeftByACrashIsSentOnceByTheRelay() {
        String caseId = UUID.randomUUID().toString();
        RegistrationRequest request = new RegistrationRequest(caseId, UUID.randomUUID().toString(), 9, 1_900_000_000L, "DE", List.of());
        // As if the process died right after committing the approval: only the outbox entry exists.
        dynamo.putItem(r -> r.tableName("kyc-vault-cases").item(Map.of(
                "pk", AttributeValue.fromS("OUTBOX"),
                "sk", AttributeValue.fromS("REGISTRATION#" + caseId + "#" + request.approvalId()),
                "type", AttributeValue.fromS("OUTBOX"),
                "caseId", AttributeValue.fromS(caseId),
                "deduplicationId", AttributeValue.fromS(request.deduplicationId()),
                "body", AttributeValue.fromS("{\"caseId\":\"" + caseId + "\",\"approvalId\":\"" + request.approvalId()
                        + "\",\"rating\":9,\"ratingExpiresAt\":1900000000,\"country\":\"DE\",\"wallets\":[]}"))));
        pollers.pause(QUEUE);
        try {
            assertThat(relay(queue::publishPending)).isGreaterThanOrEqualTo(1);
            assertThat(relay(queue::publishPending)).isZero();
            // As if the process died after sending and before removing the entry: the same message again.
            relay(() -> { queue.publish(request); return 0; });
            relay(() -> { queue.publish(request); return 0; });
        } finally {
            pollers.resume(QUEUE);
        }
        var delivered = RegistrationProbe.messagesFor(caseId);
        assertThat(delivered).isNotEmpty();
        assertThat(delivered).allSatisfy(m -> assertThat(m.get("approvalId").asText()).isEqualTo(request.approvalId()));
        assertThat(io.kycvault.casefile.infrastructure.CaseItems.query(dynamo, "kyc-vault-cases", "OUTBOX", "REGISTRATION#" + caseId))
                .as("the outbox entry is gone once sent").isEmpty();
    }

    /** Runs part of the outbox relay as the registration-outbox function (its role, for the authorization oracle). */
    private static int relay(java.util.function.Supplier<Integer> step) {
        return io.kycvault.local.InvokedFunction.as(io.kycvault.review.handler.RegistrationOutboxFunction.NAME, step);
    }
}
