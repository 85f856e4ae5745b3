package io.kycvault.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** An applicant's wallet: a fresh secp256k1 key that signs challenges the way personal_sign does. */
public final class Wallets {

    private Wallets() {
    }

    public record Wallet(ECKeyPair keys, String address) {
    }

    public static Wallet create() {
        try {
            ECKeyPair keys = Keys.createEcKeyPair();
            return new Wallet(keys, Keys.toChecksumAddress(Keys.getAddress(keys)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** EIP-191 personal_sign: 65 bytes r ‖ s ‖ v, v = 27/28. */
    public static String sign(Wallet wallet, String message) {
        Sign.SignatureData s = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), wallet.keys());
        byte[] out = new byte[65];
        System.arraycopy(s.getR(), 0, out, 0, 32);
        System.arraycopy(s.getS(), 0, out, 32, 32);
        out[64] = s.getV()[0];
        return Numeric.toHexString(out);
    }

    public static JsonNode challenge(Api api, String token, String caseId, String address) {
        Api.Response r = api.post(token, "/cases/" + caseId + "/wallets/challenge", Map.of("address", address));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** Challenge, sign, prove: the wallet is then registered with the case. */
    public static Wallet prove(Api api, String token, String caseId) {
        return prove(api, token, caseId, create());
    }

    public static Wallet prove(Api api, String token, String caseId, Wallet wallet) {
        String message = challenge(api, token, caseId, wallet.address()).get("message").asText();
        Api.Response proved = api.post(token, "/cases/" + caseId + "/wallets",
                Map.of("message", message, "signature", sign(wallet, message)));
        assertThat(proved.status()).as(proved.body()).isEqualTo(201);
        return wallet;
    }
}
