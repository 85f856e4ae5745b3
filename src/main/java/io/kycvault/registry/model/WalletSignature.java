package io.kycvault.registry.model;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Checks an EIP-191 personal_sign signature over a challenge: 65 bytes {@code r ‖ s ‖ v}, v in
 * {0, 1, 27, 28}, s in the lower half of the curve order (EIP-2; a high-s signature is malleable
 * and refused), and the recovered signer equal to the challenged address.
 */
public final class WalletSignature {

    public enum Problem { MALFORMED_SIGNATURE, HIGH_S_SIGNATURE, WRONG_SIGNER }

    private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

    private WalletSignature() {
    }

    public static Optional<Problem> check(WalletChallenge challenge, String signatureHex) {
        if (signatureHex == null || !signatureHex.matches("0x[0-9a-fA-F]{130}")) {
            return Optional.of(Problem.MALFORMED_SIGNATURE);
        }
        byte[] bytes = Numeric.hexStringToByteArray(signatureHex);
        byte v = bytes[64];
        if (v < 27) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            return Optional.of(Problem.MALFORMED_SIGNATURE);
        }
        byte[] r = java.util.Arrays.copyOfRange(bytes, 0, 32);
        byte[] s = java.util.Arrays.copyOfRange(bytes, 32, 64);
        BigInteger sValue = new BigInteger(1, s);
        if (sValue.signum() == 0 || new BigInteger(1, r).signum() == 0) {
            return Optional.of(Problem.MALFORMED_SIGNATURE);
        }
        if (sValue.compareTo(HALF_N) > 0) {
            return Optional.of(Problem.HIGH_S_SIGNATURE);
        }
        try {
            BigInteger key = Sign.signedPrefixedMessageToKey(challenge.message().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new Sign.SignatureData(v, r, s));
            String recovered = Keys.toChecksumAddress(Keys.getAddress(key));
            return recovered.equalsIgnoreCase(challenge.address()) ? Optional.empty() : Optional.of(Problem.WRONG_SIGNER);
        } catch (SignatureException | IllegalArgumentException e) {
            return Optional.of(Problem.MALFORMED_SIGNATURE);
        }
    }
}
