package io.kycvault.registry.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.registry.application.RegisteringInvestors;
import io.kycvault.review.application.RegistrationRequest;
import io.kycvault.shared.Ids;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Registration requests from the FIFO queue, registered in one batch transaction. FIFO partial
 * batch rule: once a message fails, it and every later message of the batch are reported failed,
 * so order within the message group is kept.
 */
@Named(ChainRegistrationFunction.NAME)
public class ChainRegistrationFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public static final String NAME = "chain-registration";
    private static final Logger LOG = Logger.getLogger(ChainRegistrationFunction.class);

    private final RegisteringInvestors registering;
    private final ObjectMapper json;

    public ChainRegistrationFunction(RegisteringInvestors registering, ObjectMapper json) {
        this.registering = registering;
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
            jobs.add(new RegisteringInvestors.Job(messages.get(i).getMessageId(), request));
        }
        Set<String> retry = registering.register(jobs);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        boolean failing = false;
        for (int i = 0; i < messages.size(); i++) {
            String id = messages.get(i).getMessageId();
            failing |= i >= firstMalformed || retry.contains(id);
            if (failing) {
                failures.add(new SQSBatchResponse.BatchItemFailure(id));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private RegistrationRequest parse(SQSEvent.SQSMessage message) {
        try {
            RegistrationRequest r = json.readValue(message.getBody(), RegistrationRequest.class);
            if (!Ids.isIssued(r.caseId()) || !Ids.isIssued(r.approvalId()) || r.rating() < 1 || r.rating() > 255
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
