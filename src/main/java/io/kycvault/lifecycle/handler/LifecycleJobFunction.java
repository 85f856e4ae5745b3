package io.kycvault.lifecycle.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kycvault.lifecycle.application.RunningLifecycle;
import jakarta.inject.Named;
import java.util.Map;

/** Daily: rating expiry, end of relationships, retention purges, abandoned drafts. */
@Named(LifecycleJobFunction.NAME)
public class LifecycleJobFunction implements RequestHandler<Map<String, Object>, RunningLifecycle.Report> {

    public static final String NAME = "lifecycle";

    private final RunningLifecycle lifecycle;

    public LifecycleJobFunction(RunningLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public RunningLifecycle.Report handleRequest(Map<String, Object> event, Context context) {
        return lifecycle.run();
    }
}
