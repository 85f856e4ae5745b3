package io.kycvault.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kycvault.intake.handler.UploadEventsFunction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Plays Lambda's SQS event source mapping on a laptop: long-polls the upload queue, hands batches
 * to the upload function in the same event shape, and deletes only the messages the function did
 * not report as failed — failed ones reappear after the visibility timeout, and after the redrive
 * limit land in the dead-letter queue, as in AWS.
 */
@ApplicationScoped
public class LocalUploadQueuePoller {

    private static final Logger LOG = Logger.getLogger(LocalUploadQueuePoller.class);

    private final LocalConfig config;
    private final SqsClient sqs;
    private final UploadEventsFunction function;
    private volatile boolean running;
    private Thread thread;

    LocalUploadQueuePoller(LocalConfig config, SqsClient sqs, UploadEventsFunction function) {
        this.config = config;
        this.sqs = sqs;
        this.function = function;
    }

    void start(@Observes @Priority(30) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String queueUrl = sqs.getQueueUrl(r -> r.queueName(config.uploadQueue())).queueUrl();
        running = true;
        thread = Thread.ofPlatform().name("local-upload-poller").daemon().unstarted(() -> poll(queueUrl));
        thread.setContextClassLoader(LocalUploadQueuePoller.class.getClassLoader());
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void poll(String queueUrl) {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (messages.isEmpty()) {
                    continue;
                }
                SQSBatchResponse response = function.handleRequest(event(messages, queueUrl), null);
                Set<String> failed = response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
                for (Message message : messages) {
                    if (!failed.contains(message.messageId())) {
                        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("local upload poller: receive failed, retrying", e);
                    sleep();
                }
            }
        }
    }

    private static SQSEvent event(List<Message> messages, String queueUrl) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueUrl);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
