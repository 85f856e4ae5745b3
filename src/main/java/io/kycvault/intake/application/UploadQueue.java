package io.kycvault.intake.application;

import java.time.Duration;

/** The queue S3's upload notifications arrive on (in AWS: SQS, polled by Lambda for the upload function). */
public interface UploadQueue {

    /** Makes a received notification visible again after the delay (it then comes back as a new delivery). */
    void retryAfter(String receiptHandle, Duration delay);
}
