package io.kycvault.review.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import io.kycvault.review.application.RegistrationQueue;
import jakarta.inject.Named;

/** Scheduled relay: sends registration requests a crash left in the outbox. */
@Named(RegistrationOutboxFunction.NAME)
public class RegistrationOutboxFunction implements RequestHandler<Map<String, Object>, Map<String, Integer>> {

    public static final String NAME = "registration-outbox";

    private final RegistrationQueue queue;

    public RegistrationOutboxFunction(RegistrationQueue queue) {
        this.queue = queue;
    }

    @Override
    public Map<String, Integer> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("sent", queue.publishPending());
    }
}
