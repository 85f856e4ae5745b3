package io.kycvault.intake.infrastructure;

import io.kycvault.intake.application.IntakeConfig;
import io.kycvault.intake.application.UploadQueue;
import io.kycvault.shared.sqs.QueueVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ChangeMessageVisibility on the upload notifications' queue. */
@ApplicationScoped
public class SqsUploadQueue implements UploadQueue {

    private final QueueVisibility queue;

    public SqsUploadQueue(SqsClient sqs, IntakeConfig config) {
        this.queue = new QueueVisibility(sqs, config.uploadQueue());
    }

    @Override
    public void retryAfter(String receiptHandle, Duration delay) {
        queue.retryAfter(receiptHandle, delay);
    }
}
