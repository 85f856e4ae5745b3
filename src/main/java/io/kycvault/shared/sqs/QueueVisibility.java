package io.kycvault.shared.sqs;

import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Hands a received message back to its queue after a delay (ChangeMessageVisibility), for functions that
 * retry sooner than the queue's visibility timeout. In AWS the template passes the queue's URL and no
 * other call is made; the laptop names queues, so the URL is looked up once (local only).
 */
public final class QueueVisibility {

    private final SqsClient sqs;
    private final String queue;
    private volatile String queueUrl;

    public QueueVisibility(SqsClient sqs, String queue) {
        this.sqs = sqs;
        this.queue = queue;
    }

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
