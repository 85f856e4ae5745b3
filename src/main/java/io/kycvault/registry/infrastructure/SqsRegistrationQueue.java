package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.RegistrationQueue;
import io.kycvault.registry.application.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ChangeMessageVisibility on the registrations queue (in AWS the configured value is the queue's URL). */
@ApplicationScoped
public class SqsRegistrationQueue implements RegistrationQueue {

    private final SqsClient sqs;
    private final String queue;
    private volatile String queueUrl;

    public SqsRegistrationQueue(SqsClient sqs, RegistryConfig config) {
        this.sqs = sqs;
        this.queue = config.queue();
    }

    @Override
    public void retryAfter(String receiptHandle, Duration delay) {
        int seconds = (int) Math.min(Math.max(delay.toSeconds(), 0), 43_200);
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl()).receiptHandle(receiptHandle).visibilityTimeout(seconds));
    }

    private String queueUrl() {
        if (queueUrl == null) {
            queueUrl = queue.startsWith("https://") || queue.startsWith("http://") ? queue
                    : sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        }
        return queueUrl;
    }
}
