package io.kycvault.registry.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.OwnCase;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.registry.model.WalletChallenge;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

@ApplicationScoped
public class IssuingWalletChallenge {

    private final CaseFiles cases;
    private final WalletStore wallets;
    private final RegistryConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public IssuingWalletChallenge(CaseFiles cases, WalletStore wallets, RegistryConfig config, Clock clock) {
        this.cases = cases;
        this.wallets = wallets;
        this.config = config;
        this.clock = clock;
    }

    public WalletChallenge issue(Caller applicant, String caseId, String address) {
        KycCase c = OwnCase.load(cases, applicant.subject(), caseId);
        if (!c.status().acceptsUploads()) {
            throw DomainException.conflict("CASE_NOT_OPEN", "wallets can only be added while the case is open");
        }
        String checksummed = checksummed(address);
        ProvingWallet.withinCap(c, checksummed, config.maxWalletsPerCase());
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        WalletChallenge challenge = new WalletChallenge(caseId, checksummed, config.chainId(), HexFormat.of().formatHex(nonce),
                now, now.plus(config.challengeTtl()), config.proofDomain(), config.proofUri());
        wallets.save(challenge);
        return challenge;
    }

    /** An EIP-55 address; mixed-case input must carry a valid checksum, the zero address is refused. */
    static String checksummed(String address) {
        if (address == null || !WalletUtils.isValidAddress(address) || !address.startsWith("0x")
                || address.substring(2).matches("0+")) {
            throw DomainException.invalid("INVALID_ADDRESS", "address must be a 0x-prefixed 20-byte Ethereum address");
        }
        String checksum = Keys.toChecksumAddress(address);
        String hex = address.substring(2);
        boolean mixedCase = !hex.equals(hex.toLowerCase()) && !hex.equals(hex.toUpperCase());
        if (mixedCase && !checksum.equals(address)) {
            throw DomainException.invalid("INVALID_ADDRESS_CHECKSUM", "the address's EIP-55 checksum does not match");
        }
        return checksum;
    }
}
