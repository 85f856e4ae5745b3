package io.kycvault.registry;

import static io.kycvault.testing.Api.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.TestClock;
import io.kycvault.testing.Wallets;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

@QuarkusTest
class WalletProofTest {

    @Inject
    LocalGateway gateway;

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    void aSignedChallengeProvesTheWalletOnce() {
        Api api = new Api(gateway);
        Cases.Opened c = new Cases(api).open("wallet");
        Wallets.Wallet wallet = Wallets.create();
        var challenge = Wallets.challenge(api, c.token(), c.caseId(), wallet.address().toLowerCase());
        String message = challenge.get("message").asText();
        // Sign-In with Ethereum (EIP-4361): the asking site, the checksummed address, a statement naming
        // the case, URI, version, chain, nonce, issued-at, expiry and the case as a resource.
        assertThat(message).matches("(?s)localhost wants you to sign in with your Ethereum account:\n" + java.util.regex.Pattern.quote(wallet.address())
                + "\n\nI control this address and ask KYC Vault to register it for KYC case " + c.caseId() + "\\.\n\n"
                + "URI: http://localhost\nVersion: 1\nChain ID: 31337\nNonce: [0-9a-f]{32}\n"
                + "Issued At: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\nExpiration Time: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n"
                + "Resources:\n- urn:kyc-vault:case:" + c.caseId());
        String path = "/cases/" + c.caseId() + "/wallets";
        String signature = Wallets.sign(wallet, message);

        assertCode(api.post(c.token(), path, Map.of("message", message, "signature", Wallets.sign(Wallets.create(), message))),
                400, "WRONG_SIGNER");
        assertCode(api.post(c.token(), path, Map.of("message", message, "signature", "0x1234")), 400, "MALFORMED_SIGNATURE");
        assertCode(api.post(c.token(), path, Map.of("message", message, "signature", "0x" + "00".repeat(65))), 400,
                "MALFORMED_SIGNATURE");
        assertCode(api.post(c.token(), path, Map.of("message", message, "signature", highS(signature))), 400, "HIGH_S_SIGNATURE");
        assertCode(api.post(c.token(), path, Map.of("message", message.replace("Chain ID: 31337", "Chain ID: 1"),
                "signature", signature)), 400, "CHALLENGE_MISMATCH");

        Api.Response proved = api.post(c.token(), path, Map.of("message", message, "signature", signature));
        assertThat(proved.status()).as(proved.body()).isEqualTo(201);
        assertThat(proved.text("address")).isEqualTo(wallet.address());
        assertCode(api.post(c.token(), path, Map.of("message", message, "signature", signature)), 400, "REPLAYED_CHALLENGE");

        // A challenge of another case does not prove anything here.
        Cases.Opened other = new Cases(api).open("wallet-other");
        String foreign = Wallets.challenge(api, other.token(), other.caseId(), wallet.address()).get("message").asText();
        assertCode(api.post(c.token(), path, Map.of("message", foreign, "signature", Wallets.sign(wallet, foreign))), 400,
                "UNKNOWN_CHALLENGE");
        assertCode(api.post(other.token(), "/cases/" + c.caseId() + "/wallets/challenge", Map.of("address", wallet.address())),
                403, "NOT_CASE_OWNER");
    }

    @Test
    void challengesExpireAndAddressesAreChecked() {
        Api api = new Api(gateway);
        Cases.Opened c = new Cases(api).open("wallet-expiry");
        Wallets.Wallet wallet = Wallets.create();
        String message = Wallets.challenge(api, c.token(), c.caseId(), wallet.address()).get("message").asText();
        TestClock.advance(Duration.ofMinutes(11));
        assertCode(api.post(c.token(), "/cases/" + c.caseId() + "/wallets", Map.of("message", message,
                "signature", Wallets.sign(wallet, message))), 400, "EXPIRED_CHALLENGE");
        TestClock.reset();

        String challenge = "/cases/" + c.caseId() + "/wallets/challenge";
        assertCode(api.post(c.token(), challenge, Map.of("address", "0x123")), 400, "INVALID_ADDRESS");
        assertCode(api.post(c.token(), challenge, Map.of("address", "0x" + "0".repeat(40))), 400, "INVALID_ADDRESS");
        String badChecksum = wallet.address().substring(0, 2) + flipCase(wallet.address().substring(2));
        assertCode(api.post(c.token(), challenge, Map.of("address", badChecksum)), 400, "INVALID_ADDRESS_CHECKSUM");
    }

    /** The same signature with s' = n - s and the other parity: valid ECDSA, malleable, refused. */
    static String highS(String signature) {
        byte[] b = Numeric.hexStringToByteArray(signature);
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(b, 32, 64));
        byte[] flipped = Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32);
        System.arraycopy(flipped, 0, b, 32, 32);
        b[64] = (byte) (b[64] == 27 ? 28 : 27);
        return Numeric.toHexString(b);
    }

    private static String flipCase(String hex) {
        StringBuilder out = new StringBuilder();
        boolean flipped = false;
        for (char ch : hex.toCharArray()) {
            if (!flipped && Character.isLetter(ch)) {
                out.append(Character.isUpperCase(ch) ? Character.toLowerCase(ch) : Character.toUpperCase(ch));
                flipped = true;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** Bindings are permanent and one batch carries them all: a case binds at most ten wallets (configuration). */
    @Test
    void aCaseBindsAtMostTenWallets() {
        Api api = new Api(gateway);
        Cases.Opened c = new Cases(api).open("wallet-cap");
        List<Wallets.Wallet> proven = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            proven.add(Wallets.prove(api, c.token(), c.caseId()));
        }
        Wallets.Wallet eleventh = Wallets.create();
        assertCode(api.post(c.token(), "/cases/" + c.caseId() + "/wallets/challenge", Map.of("address", eleventh.address())),
                409, "TOO_MANY_WALLETS");
        // A wallet already on the case may be proven again (a new challenge for a known address).
        Wallets.prove(api, c.token(), c.caseId(), proven.get(0));
    }
}
