package io.kycvault.intake.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.intake.application.UploadQueue;
import io.kycvault.intake.application.VerifyingUpload;
import jakarta.inject.Named;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * S3 ObjectCreated notifications, delivered through SQS. Each message is handled on its own and a
 * failing one is reported as a partial batch failure, so SQS retries only that message (and moves
 * it to the dead-letter queue after the redrive limit) while the others are deleted. A message that
 * lost every retry to the case's other writers (a burst of scan results for the same case) comes back
 * after one to five seconds; any other failure (an outage, throttling) after the queue's visibility
 * timeout, so its five receives span a quarter of an hour before the dead-letter queue.
 */
@Named(UploadEventsFunction.NAME)
public class UploadEventsFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public static final String NAME = "upload-events";
    private static final Logger LOG = Logger.getLogger(UploadEventsFunction.class);
    private static final int MAX_BODY_CHARS = 256 * 1024;

    private final VerifyingUpload verifying;
    private final UploadQueue queue;
    private final ObjectMapper json;

    public UploadEventsFunction(VerifyingUpload verifying, UploadQueue queue, ObjectMapper json) {
        this.verifying = verifying;
        this.queue = queue;
        this.json = json;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(failures);
        }
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                for (VerifyingUpload.ObjectCreated created : parse(message.getBody())) {
                    verifying.handle(created);
                }
            } catch (MalformedNotification e) {
                LOG.warnf("SECURITY_EVENT upload: malformed notification in message %s: %s", message.getMessageId(), e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } catch (CaseFiles.ConcurrentChange e) {
                LOG.warnf("upload notification %s lost every retry to other writers of its case; it comes back in seconds",
                        message.getMessageId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                retrySoon(message);
            } catch (RuntimeException e) {
                LOG.errorf(e, "upload notification %s failed; it will be retried", message.getMessageId());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void retrySoon(SQSEvent.SQSMessage message) {
        if (message.getReceiptHandle() == null) {
            return;
        }
        try {
            queue.retryAfter(message.getReceiptHandle(), Duration.ofSeconds(ThreadLocalRandom.current().nextInt(1, 6)));
        } catch (RuntimeException e) {
            // The message still comes back, after the queue's visibility timeout.
            LOG.warnf("could not set the retry delay of upload notification %s: %s", message.getMessageId(), e.getMessage());
        }
    }

    static final class MalformedNotification extends RuntimeException {
        MalformedNotification(String message) {
            super(message, null, false, false);
        }
    }

    List<VerifyingUpload.ObjectCreated> parse(String body) {
        if (body == null || body.length() > MAX_BODY_CHARS) {
            throw new MalformedNotification("missing or oversized body");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (java.io.IOException e) {
            throw new MalformedNotification("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedNotification("body is not a JSON object");
        }
        if ("s3:TestEvent".equals(root.path("Event").asText(null))) {
            return List.of();
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedNotification("no Records array");
        }
        List<VerifyingUpload.ObjectCreated> created = new ArrayList<>();
        for (JsonNode record : records) {
            String eventName = record.path("eventName").asText("");
            if (!eventName.startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = text(s3.path("bucket").path("name"), "bucket name");
            String rawKey = text(s3.path("object").path("key"), "object key");
            JsonNode size = s3.path("object").path("size");
            JsonNode version = s3.path("object").path("versionId");
            String key;
            try {
                key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new MalformedNotification("object key is not URL-encoded");
            }
            created.add(new VerifyingUpload.ObjectCreated(bucket, key,
                    version.isTextual() && !version.asText().isEmpty() ? version.asText() : null,
                    size.canConvertToLong() ? size.asLong() : -1));
        }
        return created;
    }

    private static String text(JsonNode node, String what) {
        if (!node.isTextual() || node.asText().isEmpty() || node.asText().length() > 1024) {
            throw new MalformedNotification("missing or invalid " + what);
        }
        return node.asText();
    }
}
