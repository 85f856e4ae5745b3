package io.kycvault.audit.handler;

import static io.kycvault.api.HttpExchange.caller;
import static io.kycvault.api.HttpExchange.json;
import static io.kycvault.api.HttpExchange.respond;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.api.ApiError;
import io.kycvault.api.HttpExchange;
import io.kycvault.api.OriginVerification;
import io.kycvault.audit.application.FindingIdentifier;
import io.kycvault.audit.application.VerifyingAuditTrail;
import io.kycvault.audit.model.AuditChain;
import io.kycvault.casefile.model.AuditRecord;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/**
 * Compliance routes: a case's audit records and the verdict of recomputing their hash chain; every
 * case's verdict at once ("verify all", the sweep's verification on demand); and which of a case's
 * records name a given wallet or investor ID (the records hold keyed digests only).
 */
@Named(AuditApiFunction.NAME)
public class AuditApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = "audit-api";
    public static final List<String> ROUTES = List.of("GET /audit/cases/{caseId}", "GET /audit/cases/{caseId}/mentions",
            "GET /audit/verification");

    /** "Verify all": every case's chain verified now, as the scheduled sweep does; the broken ones with their findings. */
    public record Verification(int cases, int intact, List<AuditSweepFunction.Broken> broken, String checkpoint, long notYetAnchored) {
    }

    /** {@code checkpoint}: the signed checkpoint the chain was held against; {@code notYetAnchored}: records since. */
    public record AuditView(String caseId, boolean intact, List<AuditChain.Problem> problems, String checkpoint,
            long notYetAnchored, List<AuditRecord> records) {
    }

    private final VerifyingAuditTrail verifying;
    private final FindingIdentifier finding;
    private final OriginVerification origin;

    public AuditApiFunction(VerifyingAuditTrail verifying, FindingIdentifier finding, OriginVerification origin) {
        this.verifying = verifying;
        this.finding = finding;
        this.origin = origin;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return respond(() -> {
            origin.check(event);
            var caller = caller(event);
            if ("GET /audit/cases/{caseId}".equals(event.getRouteKey())) {
                var audit = verifying.verify(caller, HttpExchange.pathParameter(event, "caseId").orElse(null));
                return json(200, new AuditView(audit.caseId(), audit.intact(), audit.problems(), audit.checkpoint(),
                        audit.notYetAnchored(), audit.records()));
            }
            if ("GET /audit/verification".equals(event.getRouteKey())) {
                var sweep = verifying.verifyAll(caller);
                return json(200, new Verification(sweep.cases(), sweep.intact(), sweep.broken().stream()
                        .map(AuditSweepFunction::broken).toList(), sweep.checkpoint(), sweep.notYetAnchored()));
            }
            if ("GET /audit/cases/{caseId}/mentions".equals(event.getRouteKey())) {
                Map<String, String> q = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
                return json(200, finding.find(caller, HttpExchange.pathParameter(event, "caseId").orElse(null), q.get("wallet"),
                        q.get("investorId")));
            }
            return HttpExchange.error(404, new ApiError("ROUTE_NOT_FOUND", "no such route"));
        });
    }
}
