package io.kycvault.registry.handler;

import static io.kycvault.api.HttpExchange.body;
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
import io.kycvault.registry.application.IssuingWalletChallenge;
import io.kycvault.registry.application.ProvingWallet;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/** The applicant proves control of the wallets to register: challenge, then signature. */
@Named(WalletApiFunction.NAME)
public class WalletApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = "wallet-api";
    public static final List<String> ROUTES = List.of(
            "POST /cases/{caseId}/wallets/challenge",
            "POST /cases/{caseId}/wallets");

    public record ChallengeBody(String address) {
    }

    public record ProofBody(String message, String signature) {
    }

    public record ChallengeView(String message, String address, long chainId, Instant expiresAt) {
    }

    public record WalletView(String caseId, String address) {
    }

    private final IssuingWalletChallenge challenges;
    private final ProvingWallet proving;
    private final OriginVerification origin;

    public WalletApiFunction(IssuingWalletChallenge challenges, ProvingWallet proving, OriginVerification origin) {
        this.challenges = challenges;
        this.proving = proving;
        this.origin = origin;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return respond(() -> {
            origin.check(event);
            var caller = caller(event);
            String caseId = HttpExchange.pathParameter(event, "caseId").orElse(null);
            return switch (String.valueOf(event.getRouteKey())) {
                case "POST /cases/{caseId}/wallets/challenge" -> {
                    var c = challenges.issue(caller, caseId, body(event, ChallengeBody.class).address());
                    yield json(200, new ChallengeView(c.message(), c.address(), c.chainId(), c.expiresAt()));
                }
                case "POST /cases/{caseId}/wallets" -> {
                    ProofBody b = body(event, ProofBody.class);
                    yield json(201, new WalletView(caseId, proving.prove(caller, caseId, b.message(), b.signature())));
                }
                default -> HttpExchange.error(404, new ApiError("ROUTE_NOT_FOUND", "no such route"));
            };
        });
    }
}
