package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.InvestorIdMinter;
import io.kycvault.registry.model.InvestorIdentity;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.web3j.crypto.Hash;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/** The two investor-ID schemes of DESIGN.md. */
public final class InvestorIdMinters {

    private InvestorIdMinters() {
    }

    /**
     * {@code keyed} (default, privacy by design): HMAC-SHA-256 in KMS over the identity's versioned,
     * length-prefixed encoding with the ISO numeric country, so nobody who merely knows a person's
     * name and birth date can test whether they are registered, a change of country always yields a
     * new ID, and no two different identities share one (unlike the SFT string's concatenation).
     */
    public static InvestorIdMinter keyed(KmsClient kms, String hmacKeyId) {
        return scheme(text -> kms.generateMac(r -> r.keyId(hmacKeyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromString(text, StandardCharsets.UTF_8))).mac().asByteArray(), InvestorIdentity::keyedEncoding);
    }

    /**
     * {@code sft} (interoperable): keccak-256 of the SFT data-standard string. The fingerprint is a
     * keccak too (unkeyed: whoever reads the table could test a birth date and tax ID against it).
     */
    public static InvestorIdMinter sft() {
        return scheme(text -> Hash.sha3(text.getBytes(StandardCharsets.UTF_8)), (identity, country) -> identity.sftString());
    }

    /** One hash for the ID (over the scheme's identity text) and for the fingerprint (over the partial encoding). */
    private static InvestorIdMinter scheme(Function<String, byte[]> hash, BiFunction<InvestorIdentity, Integer, String> idText) {
        return new InvestorIdMinter() {
            @Override
            public byte[] mint(InvestorIdentity identity, int country) {
                return hash.apply(idText.apply(identity, country));
            }

            @Override
            public byte[] fingerprint(InvestorIdentity identity, int country) {
                return hash.apply(identity.partialEncoding(country));
            }
        };
    }
}
