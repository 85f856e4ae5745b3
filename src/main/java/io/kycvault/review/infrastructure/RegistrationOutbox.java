package io.kycvault.review.infrastructure;

import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.casefile.infrastructure.CaseItems;
import io.kycvault.casefile.infrastructure.StoreConfig;
import io.kycvault.review.application.RegistrationQueue;
import io.kycvault.review.application.RegistrationRequest;
import io.kycvault.review.application.ReviewConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Transactional outbox for the hand-off to the chain function. Why an outbox: a DynamoDB
 * transaction cannot include an SQS send, so the approval writes {@code OUTBOX/REGISTRATION#case#approval}
 * in its own transaction (nothing lost if the process dies next), then this class sends it to the
 * FIFO queue with deduplication id {@code caseId:approvalId} and deletes the entry. A send repeated
 * after a crash, or by the relay racing the fast path, is dropped by FIFO deduplication within
 * five minutes, and beyond that by the chain function looking the investor up before registering.
 */
@ApplicationScoped
public class RegistrationOutbox implements RegistrationQueue {

    private static final Logger LOG = Logger.getLogger(RegistrationOutbox.class);
    static final String PARTITION = "OUTBOX";
    static final String PREFIX = "REGISTRATION#";
    public static final String MESSAGE_GROUP = "registrations";

    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final String table;
    private final String queue;
    private final ObjectMapper json;
    private volatile String queueUrl;

    public RegistrationOutbox(DynamoDbClient dynamo, SqsClient sqs, StoreConfig store, ReviewConfig config, ObjectMapper json) {
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.table = store.table();
        this.queue = config.registrationQueue();
        this.json = json;
    }

    Map<String, AttributeValue> item(RegistrationRequest request) {
        Map<String, AttributeValue> item = new HashMap<>(key(PARTITION, sortKey(request)));
        item.put("type", s("OUTBOX"));
        item.put("caseId", s(request.caseId()));
        item.put("deduplicationId", s(request.deduplicationId()));
        try {
            item.put("body", s(json.writeValueAsString(request)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return item;
    }

    @Override
    public void publish(RegistrationRequest request) {
        send(request.deduplicationId(), item(request).get("body").s());
        dynamo.deleteItem(r -> r.tableName(table).key(key(PARTITION, sortKey(request))));
    }

    @Override
    public int publishPending() {
        int sent = 0;
        for (var item : CaseItems.query(dynamo, table, PARTITION, PREFIX)) {
            send(str(item, "deduplicationId"), str(item, "body"));
            dynamo.deleteItem(r -> r.tableName(table).key(key(PARTITION, str(item, "sk"))));
            sent++;
        }
        if (sent > 0) {
            LOG.infof("registration outbox: sent %d pending entries", sent);
        }
        return sent;
    }

    private void send(String deduplicationId, String body) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl()).messageBody(body).messageGroupId(MESSAGE_GROUP)
                .messageDeduplicationId(deduplicationId));
    }

    private String queueUrl() {
        if (queueUrl == null) {
            queueUrl = queue.startsWith("https://") || queue.startsWith("http://") ? queue
                    : sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        }
        return queueUrl;
    }

    private static String sortKey(RegistrationRequest request) {
        return PREFIX + request.caseId() + "#" + request.approvalId();
    }
}
