package io.kycvault.registry.handler;

import static io.kycvault.api.HttpExchange.json;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.api.ApiDispatcher;
import io.kycvault.api.ApiRoute;
import io.kycvault.api.OriginVerification;
import io.kycvault.registry.application.IssuingWalletChallenge;
import io.kycvault.registry.application.ProvingWallet;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The applicant proves control of the wallets to register: challenge, then signature. */
@Named(WalletApiFunction.NAME)
public class WalletApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public static final String NAME = ApiRoute.Functions.WALLET;
    public static final List<String> ROUTES = ApiRoute.keysOf(NAME);

    public record ChallengeBody(String address) {
    }

    public record ProofBody(String message, String signature) {
    }

    public record ChallengeView(String message, String address, long chainId, Instant expiresAt) {
    }

    public record WalletView(String caseId, String address) {
    }

    private final ApiDispatcher dispatcher;

    public WalletApiFunction(IssuingWalletChallenge challenges, ProvingWallet proving, OriginVerification origin) {
        this.dispatcher = new ApiDispatcher(NAME, origin, Map.of(
                ApiRoute.ISSUE_WALLET_CHALLENGE, r -> {
                    var c = challenges.issue(r.caller(), r.path("caseId"), r.body(ChallengeBody.class).address());
                    return json(200, new ChallengeView(c.message(), c.address(), c.chainId(), c.expiresAt()));
                },
                ApiRoute.PROVE_WALLET, r -> {
                    ProofBody b = r.body(ProofBody.class);
                    return json(201, new WalletView(r.path("caseId"), proving.prove(r.caller(), r.path("caseId"), b.message(),
                            b.signature())));
                }));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return dispatcher.dispatch(event);
    }
}
