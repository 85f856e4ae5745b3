package io.kycvault.registry.application;

import io.kycvault.audit.application.IdentifierDigests;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.OwnCase;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.registry.model.WalletSignature;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Accepts a wallet once its owner signed our challenge with it; the challenge is then spent. */
@ApplicationScoped
public class ProvingWallet {

    private static final Pattern NONCE = Pattern.compile("\nNonce: ([0-9a-f]{32})\n");
    private static final int ATTEMPTS = 5;

    private final CaseFiles cases;
    private final WalletStore wallets;
    private final IdentifierDigests digests;
    private final Clock clock;
    private final int maxWallets;

    public ProvingWallet(CaseFiles cases, WalletStore wallets, IdentifierDigests digests, RegistryConfig config, Clock clock) {
        this.cases = cases;
        this.wallets = wallets;
        this.digests = digests;
        this.clock = clock;
        this.maxWallets = config.maxWalletsPerCase();
    }

    /** A case binds at most {@code max} wallets (a wallet already on the case may be proven again). */
    static void withinCap(KycCase c, String address, int max) {
        boolean known = c.wallets().stream().anyMatch(w -> w.equalsIgnoreCase(address));
        if (!known && c.wallets().size() >= max) {
            throw DomainException.conflict("TOO_MANY_WALLETS", "a case may register at most " + max + " wallets");
        }
    }

    public String prove(Caller applicant, String caseId, String message, String signature) {
        OwnCase.load(cases, applicant.subject(), caseId);
        if (message == null || message.length() > 1024) {
            throw DomainException.invalid("UNKNOWN_CHALLENGE", "message must be a challenge issued for this case");
        }
        Matcher m = NONCE.matcher(message);
        if (!m.find()) {
            throw DomainException.invalid("UNKNOWN_CHALLENGE", "message must be a challenge issued for this case");
        }
        var stored = wallets.find(caseId, m.group(1))
                .orElseThrow(() -> DomainException.invalid("UNKNOWN_CHALLENGE", "this challenge was not issued for this case"));
        var challenge = stored.challenge();
        if (!challenge.message().equals(message)) {
            throw DomainException.invalid("CHALLENGE_MISMATCH", "the message differs from the challenge issued");
        }
        if (stored.used()) {
            throw DomainException.invalid("REPLAYED_CHALLENGE", "this challenge was already used");
        }
        Instant now = clock.instant();
        if (!challenge.expiresAt().isAfter(now)) {
            throw DomainException.invalid("EXPIRED_CHALLENGE", "this challenge has expired; ask for a new one");
        }
        var problem = WalletSignature.check(challenge, signature);
        if (problem.isPresent()) {
            throw DomainException.invalid(problem.get().name(), switch (problem.get()) {
                case MALFORMED_SIGNATURE -> "signature must be 65 bytes r‖s‖v in hex";
                case HIGH_S_SIGNATURE -> "signature s value must be in the lower half of the curve order (EIP-2)";
                case WRONG_SIGNER -> "the signature was not made by the challenged address";
            });
        }
        // The audit keeps a keyed digest, never the address: the record outlives the case's purge.
        String addressDigest = digests.wallet(challenge.address());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            KycCase current = cases.find(caseId).orElseThrow();
            if (!current.status().acceptsUploads()) {
                throw DomainException.conflict("CASE_NOT_OPEN", "wallets can only be added while the case is open");
            }
            withinCap(current, challenge.address(), maxWallets);
            var transition = current.change(now, applicant.subject(), "WALLET_PROVEN", current.status(),
                    Map.of("addressDigest", addressDigest, "chainId", Long.toString(challenge.chainId())));
            var record = transition.record();
            KycCase updated = transition.after().withWallet(challenge.address());
            switch (wallets.accept(challenge, current, updated, record)) {
                case ACCEPTED:
                    return challenge.address();
                case ALREADY_USED:
                    throw DomainException.invalid("REPLAYED_CHALLENGE", "this challenge was already used");
                case CASE_CHANGED:
                    continue;
                default:
                    throw new IllegalStateException();
            }
        }
        throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
    }
}
