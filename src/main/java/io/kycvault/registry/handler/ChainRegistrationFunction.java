package io.kycvault.registry.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.registry.application.RegisteringInvestors;
import io.kycvault.registry.application.RegistrationQueue;
import io.kycvault.registry.application.RegistryConfig;
import io.kycvault.registry.application.RetryBackoff;
import io.kycvault.review.application.RegistrationRequest;
import io.kycvault.shared.Ids;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Registration requests from the FIFO queue, registered in one batch transaction. FIFO partial
 * batch rule: once a message fails, it and every later message of the batch are reported failed,
 * so order within the message group is kept. A failed message comes back after a backoff the
 * function sets itself (2 s doubling to 30 s), not after the queue's 900 s visibility timeout; a
 * malformed one comes back at once, so it reaches the dead-letter queue in seconds instead of
 * holding up the queue.
 */
@Named(ChainRegistrationFunction.NAME)
public class ChainRegistrationFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public static final String NAME = "chain-registration";
    private static final Logger LOG = Logger.getLogger(ChainRegistrationFunction.class);

    private final RegisteringInvestors registering;
    private final RegistrationQueue queue;
    private final RetryBackoff backoff;
    private final ObjectMapper json;

    public ChainRegistrationFunction(RegisteringInvestors registering, RegistrationQueue queue, RegistryConfig config,
            ObjectMapper json) {
        this.registering = registering;
        this.queue = queue;
        this.backoff = RetryBackoff.of(config);
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<RegisteringInvestors.Job> jobs = new ArrayList<>();
        int firstMalformed = messages.size();
        for (int i = 0; i < messages.size(); i++) {
            RegistrationRequest request = parse(messages.get(i));
            if (request == null) {
                firstMalformed = i;
                break;
            }
            jobs.add(new RegisteringInvestors.Job(messages.get(i).getMessageId(), request, attempt(messages.get(i))));
        }
        Set<String> retry;
        try {
            retry = registering.register(jobs);
        } catch (RuntimeException e) {
            LOG.errorf(e, "registration run failed; its %d message(s) are retried", jobs.size());
            retry = jobs.stream().map(RegisteringInvestors.Job::messageId).collect(Collectors.toSet());
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Duration delay = null;
        for (int i = 0; i < messages.size(); i++) {
            SQSEvent.SQSMessage message = messages.get(i);
            if (delay == null && (i >= firstMalformed || retry.contains(message.getMessageId()))) {
                delay = i == firstMalformed ? Duration.ZERO : backoff.after(attempt(message));
            }
            if (delay != null) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                retryAfter(message, delay);
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** SQS counts deliveries in ApproximateReceiveCount; an event without it (a test, a replay) is a first delivery. */
    private static int attempt(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void retryAfter(SQSEvent.SQSMessage message, Duration delay) {
        if (message.getReceiptHandle() == null) {
            return;
        }
        try {
            queue.retryAfter(message.getReceiptHandle(), delay);
        } catch (RuntimeException e) {
            // The message still comes back, after the queue's visibility timeout.
            LOG.warnf("could not set the retry delay of message %s: %s", message.getMessageId(), e.getMessage());
        }
    }

    private RegistrationRequest parse(SQSEvent.SQSMessage message) {
        try {
            RegistrationRequest r = json.readValue(message.getBody(), RegistrationRequest.class);
            if (!Ids.isIssued(r.caseId()) || !Ids.isIssued(r.approvalId()) || !io.kycvault.review.model.DecisionRequest.isValidRating(r.rating())
                    || r.ratingExpiresAt() <= 0 || r.ratingExpiresAt() > 0xFF_FFFF_FFFFL || r.wallets() == null) {
                throw new IllegalArgumentException("out of range");
            }
            return r;
        } catch (Exception e) {
            LOG.errorf("malformed registration message %s: %s; it goes to the dead-letter queue", message.getMessageId(),
                    e.getMessage());
            return null;
        }
    }
}
