package io.kycvault.audit.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import io.kycvault.audit.application.VerifyingAuditTrail;
import jakarta.inject.Named;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Daily: verifies every case's audit chain, against the latest signed checkpoint too. A broken chain is logged as {@code AUDIT_CHAIN_BROKEN},
 * which the template turns into a metric and an alarm.
 */
@Named(AuditSweepFunction.NAME)
public class AuditSweepFunction implements RequestHandler<Map<String, Object>, AuditSweepFunction.Summary> {

    public static final String NAME = "audit-sweep";
    private static final Logger LOG = Logger.getLogger(AuditSweepFunction.class);

    public record Broken(String caseId, List<String> problems) {
    }

    /** {@code checkpoint}: the signed checkpoint every chain was held against; {@code notYetAnchored}: records since. */
    public record Summary(int cases, int intact, List<Broken> broken, String checkpoint, long notYetAnchored) {
    }

    private final VerifyingAuditTrail verifying;

    /** A broken chain as the sweep reports it: each problem as "FINDING at record N: detail". */
    public static Broken broken(VerifyingAuditTrail.CaseAudit audit) {
        return new Broken(audit.caseId(), audit.problems().stream()
                .map(p -> p.finding() + " at record " + p.sequence() + ": " + p.detail()).toList());
    }

    public AuditSweepFunction(VerifyingAuditTrail verifying) {
        this.verifying = verifying;
    }

    @Override
    public Summary handleRequest(Map<String, Object> event, Context context) {
        var sweep = verifying.sweep();
        List<Broken> broken = sweep.broken().stream().map(AuditSweepFunction::broken).toList();
        broken.forEach(b -> LOG.errorf("AUDIT_CHAIN_BROKEN case=%s %s", b.caseId(), b.problems()));
        LOG.infof("audit sweep: %d cases, %d intact, %d broken; checkpoint %s, %d records not yet anchored", sweep.cases(),
                sweep.intact(), broken.size(), sweep.checkpoint(), sweep.notYetAnchored());
        return new Summary(sweep.cases(), sweep.intact(), broken, sweep.checkpoint(), sweep.notYetAnchored());
    }
}
