package io.kycvault.registry.model;

import java.time.Instant;

/**
 * A server-issued message an applicant signs with a wallet (EIP-191 personal_sign) to prove they
 * control it, in the Sign-In with Ethereum format (EIP-4361): it names the site that asks (domain and
 * URI, which a wallet compares with the page that requested the signature, so a phishing site cannot
 * pass off a challenge requested for another case), the address, the chain, a one-use nonce, when it
 * was issued and when it expires, and the case as a resource.
 */
public record WalletChallenge(String caseId, String address, long chainId, String nonce, Instant issuedAt, Instant expiresAt,
        String domain, String uri) {

    public String message() {
        return domain + " wants you to sign in with your Ethereum account:\n"
                + address + "\n"
                + "\n"
                + "I control this address and ask KYC Vault to register it for KYC case " + caseId + ".\n"
                + "\n"
                + "URI: " + uri + "\n"
                + "Version: 1\n"
                + "Chain ID: " + chainId + "\n"
                + "Nonce: " + nonce + "\n"
                + "Issued At: " + issuedAt + "\n"
                + "Expiration Time: " + expiresAt + "\n"
                + "Resources:\n"
                + "- urn:kyc-vault:case:" + caseId;
    }
}
