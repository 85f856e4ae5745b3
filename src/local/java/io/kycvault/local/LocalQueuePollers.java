package io.kycvault.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kycvault.intake.handler.UploadEventsFunction;
import io.kycvault.registry.handler.ChainRegistrationFunction;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays Lambda's SQS event source mappings on a laptop: long-polls each queue, hands batches to the
 * function in the same event shape, and deletes only the messages the function did not report as
 * failed — failed ones reappear after the visibility timeout, and after the redrive limit land in
 * the dead-letter queue, as in AWS. Upload notifications go to the upload function, registration
 * requests (FIFO) to the chain function. Other local parts use the same loop for queues that stand
 * in for a delivery AWS makes without SQS ({@link #poll(String, String, String, RequestHandler)}):
 * EventBridge rules that invoke a function, and the events GuardDuty's managed rule receives.
 */
@ApplicationScoped
public class LocalQueuePollers {

    private static final Logger LOG = Logger.getLogger(LocalQueuePollers.class);

    private final LocalConfig config;
    private final SqsClient sqs;
    private final UploadEventsFunction uploads;
    private final ChainRegistrationFunction registrations;
    private final List<Thread> threads = new ArrayList<>();
    /** Observers of registration requests as they are delivered (tests read what was handed on). */
    private final List<Consumer<Message>> registrationTaps = new CopyOnWriteArrayList<>();
    private final Set<String> paused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Queues whose batch is with the function right now (guarded by {@code this}). */
    private final Map<String, Integer> handling = new HashMap<>();
    private volatile boolean running;

    LocalQueuePollers(LocalConfig config, SqsClient sqs, UploadEventsFunction uploads, ChainRegistrationFunction registrations) {
        this.config = config;
        this.sqs = sqs;
        this.uploads = uploads;
        this.registrations = registrations;
    }

    public void tapRegistrations(Consumer<Message> tap) {
        registrationTaps.add(tap);
    }

    /**
     * Stops delivering a queue's messages (they wait in the queue) until {@link #resume}; returns once
     * no batch of that queue is with its function any more (at most 30 s), so a caller knows every
     * message it sends from now on stays in the queue.
     */
    public synchronized void pause(String queue) {
        paused.add(queue);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (handling.getOrDefault(queue, 0) > 0 && System.nanoTime() < deadline) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void resume(String queue) {
        paused.remove(queue);
    }

    void start(@Observes @Priority(30) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        poll("upload-events", "upload-events", config.uploadQueue(), uploads, m -> { });
        poll("chain-registration", "chain-registration", config.registrationQueue(), registrations,
                m -> registrationTaps.forEach(t -> t.accept(m)));
    }

    /**
     * Delivers a queue's messages to a handler, as {@link #start} does for the template's event source
     * mappings. {@code chargedTo} names the function whose role receives and deletes the messages (the
     * authorization oracle charges those calls to it), or is null for a queue that only stands in for
     * a delivery AWS makes itself; the handler names the function it invokes itself.
     */
    public void poll(String name, String chargedTo, String queue, RequestHandler<SQSEvent, SQSBatchResponse> function) {
        if (!running) {
            throw new IllegalStateException("local event source mappings are not running");
        }
        poll(name, chargedTo, queue, function, m -> { });
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    private void poll(String name, String chargedTo, String queue, RequestHandler<SQSEvent, SQSBatchResponse> function,
            Consumer<Message> observe) {
        String queueUrl = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Runnable loop = () -> loop(name, queue, queueUrl, queueArn, function, observe);
        Thread thread = Thread.ofPlatform().name("local-" + name).daemon()
                // Lambda's event source mapping receives and deletes with the function's own role.
                .unstarted(chargedTo == null ? loop : () -> InvokedFunction.as(chargedTo, loop));
        thread.setContextClassLoader(LocalQueuePollers.class.getClassLoader());
        threads.add(thread);
        thread.start();
    }

    private void loop(String name, String queue, String queueUrl, String queueArn, RequestHandler<SQSEvent, SQSBatchResponse> function,
            Consumer<Message> observe) {
        while (running) {
            if (paused.contains(queue)) {
                sleep();
                continue;
            }
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (messages.isEmpty()) {
                    continue;
                }
                if (!startHandling(queue)) {
                    // Paused while this receive was waiting: hand the messages back untouched (a test
                    // fixture, not Lambda: charged to no function).
                    InvokedFunction.outside(() -> messages.forEach(message -> sqs.changeMessageVisibility(
                            r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0))));
                    continue;
                }
                try {
                    messages.forEach(observe);
                    SQSBatchResponse response = LocalInvocations.timed(name, () -> function.handleRequest(event(messages, queueArn), null));
                    Set<String> failed = response.getBatchItemFailures().stream()
                            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
                    // Like Lambda: a failed message is left alone and comes back when its visibility
                    // timeout ends (the queue's, or the one the function set for it).
                    for (Message message : messages) {
                        if (!failed.contains(message.messageId())) {
                            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                        }
                    }
                } finally {
                    doneHandling(queue);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("local event source mapping: receive or invoke failed, retrying", e);
                    sleep();
                }
            }
        }
    }

    /** False if the queue is paused; else counts a batch of it as being with its function. */
    private synchronized boolean startHandling(String queue) {
        if (paused.contains(queue)) {
            return false;
        }
        handling.merge(queue, 1, Integer::sum);
        return true;
    }

    private synchronized void doneHandling(String queue) {
        handling.merge(queue, -1, (a, b) -> a + b == 0 ? null : a + b);
        notifyAll();
    }

    private static SQSEvent event(List<Message> messages, String queueArn) {
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
            record.setEventSourceArn(queueArn);
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
