package io.kycvault.registry.model;

import java.time.Instant;

/**
 * A server-issued message an applicant signs with a wallet (EIP-191 personal_sign) to prove they
 * control it. It names the case, the address, the chain and an expiry, and is good for one use.
 */
public record WalletChallenge(String caseId, String address, long chainId, String nonce, Instant expiresAt) {

    public String message() {
        return "KYC Vault wallet proof\n"
                + "I control this address and ask to register it for my KYC case.\n"
                + "Case: " + caseId + "\n"
                + "Address: " + address + "\n"
                + "Chain ID: " + chainId + "\n"
                + "Nonce: " + nonce + "\n"
                + "Expires: " + expiresAt;
    }
}
