package io.kycvault.audit.handler;

import static io.kycvault.api.HttpExchange.json;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.api.ApiDispatcher;
import io.kycvault.api.ApiRoute;
import io.kycvault.api.OriginVerification;
import io.kycvault.audit.application.FindingIdentifier;
import io.kycvault.audit.application.VerifyingAuditTrail;
import io.kycvault.audit.model.AuditChain;
import io.kycvault.casefile.model.AuditRecord;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Compliance routes: a case's audit records and the verdict of recomputing their hash chain; every
 * case's verdict at once ("verify all", the sweep's verification on demand); and which of a case's
 * records name a given wallet or investor ID (the records hold keyed digests only).
 */
@Named(AuditApiFunction.NAME)
public class AuditApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = ApiRoute.Functions.AUDIT;
    public static final List<String> ROUTES = ApiRoute.keysOf(NAME);

    /** "Verify all": every case's chain verified now, as the scheduled sweep does; the broken ones with their findings. */
    public record Verification(int cases, int intact, List<AuditSweepFunction.Broken> broken, String checkpoint, long notYetAnchored) {
    }

    /** {@code checkpoint}: the signed checkpoint the chain was held against; {@code notYetAnchored}: records since. */
    public record AuditView(String caseId, boolean intact, List<ProblemView> problems, String checkpoint,
            long notYetAnchored, List<RecordView> records) {
    }

    /** A finding of the verification, as the API shows it (not the model record). */
    public record ProblemView(long sequence, String finding, String detail) {

        static ProblemView of(AuditChain.Problem p) {
            return new ProblemView(p.sequence(), p.finding().name(), p.detail());
        }
    }

    /** One audit record, as the API shows it (not the model record). */
    public record RecordView(String caseId, long sequence, Instant at, String actor, String action, String fromStatus,
            String toStatus, Map<String, String> details, String previousHash, String hash) {

        static RecordView of(AuditRecord r) {
            return new RecordView(r.caseId(), r.sequence(), r.at(), r.actor(), r.action(), r.fromStatus(), r.toStatus(), r.details(),
                    r.previousHash(), r.hash());
        }
    }

    private final ApiDispatcher dispatcher;

    public AuditApiFunction(VerifyingAuditTrail verifying, FindingIdentifier finding, OriginVerification origin) {
        this.dispatcher = new ApiDispatcher(NAME, origin, Map.of(
                ApiRoute.VERIFY_AUDIT_TRAIL, r -> {
                    var audit = verifying.verify(r.caller(), r.path("caseId"));
                    return json(200, new AuditView(audit.caseId(), audit.intact(), audit.problems().stream().map(ProblemView::of).toList(),
                            audit.checkpoint(), audit.notYetAnchored(), audit.records().stream().map(RecordView::of).toList()));
                },
                ApiRoute.FIND_MENTIONS, r -> json(200, finding.find(r.caller(), r.path("caseId"), r.query("wallet"),
                        r.query("investorId"))),
                ApiRoute.VERIFY_ALL_AUDIT_TRAILS, r -> {
                    var sweep = verifying.verifyAll(r.caller());
                    return json(200, new Verification(sweep.cases(), sweep.intact(), sweep.broken().stream()
                            .map(AuditSweepFunction::broken).toList(), sweep.checkpoint(), sweep.notYetAnchored()));
                }));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
