package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.InvestorIdMinter;
import java.nio.charset.StandardCharsets;
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
        java.util.function.Function<String, byte[]> mac = text -> kms.generateMac(r -> r.keyId(hmacKeyId)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(SdkBytes.fromString(text, StandardCharsets.UTF_8))).mac().asByteArray();
        return new InvestorIdMinter() {
            @Override
            public byte[] mint(io.kycvault.registry.model.InvestorIdentity identity, int country) {
                return mac.apply(identity.keyedEncoding(country));
            }

            @Override
            public byte[] fingerprint(io.kycvault.registry.model.InvestorIdentity identity, int country) {
                return mac.apply(identity.partialEncoding(country));
            }
        };
    }

    /**
     * {@code sft} (interoperable): keccak-256 of the SFT data-standard string. The fingerprint is a
     * keccak too (unkeyed: whoever reads the table could test a birth date and tax ID against it).
     */
    public static InvestorIdMinter sft() {
        return new InvestorIdMinter() {
            @Override
            public byte[] mint(io.kycvault.registry.model.InvestorIdentity identity, int country) {
                return Hash.sha3(identity.sftString().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public byte[] fingerprint(io.kycvault.registry.model.InvestorIdentity identity, int country) {
                return Hash.sha3(identity.partialEncoding(country).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

}
