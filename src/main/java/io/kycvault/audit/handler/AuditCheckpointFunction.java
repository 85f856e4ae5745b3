package io.kycvault.audit.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kycvault.audit.application.TakingCheckpoint;
import jakarta.inject.Named;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Hourly, and on demand (an operator invokes the function): signs every case's audit head and keeps
 * the checkpoint under Object Lock. The only holder of the checkpoint key.
 */
@Named(AuditCheckpointFunction.NAME)
public class AuditCheckpointFunction implements RequestHandler<Map<String, Object>, TakingCheckpoint.Taken> {

    public static final String NAME = "audit-checkpoint";
    private static final Logger LOG = Logger.getLogger(AuditCheckpointFunction.class);

    private final TakingCheckpoint taking;

    public AuditCheckpointFunction(TakingCheckpoint taking) {
        this.taking = taking;
    }

    @Override
    public TakingCheckpoint.Taken handleRequest(Map<String, Object> event, Context context) {
        var taken = taking.take();
        LOG.infof("audit checkpoint %s taken at %s over %d cases", taken.id(), taken.takenAt(), taken.cases());
        return taken;
    }
}
