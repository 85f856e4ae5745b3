package io.kycvault.local;

import io.kycvault.registry.infrastructure.DigestTransactionSigner;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.math.BigInteger;

/**
 * The pipeline's transaction signer on the laptop stack and in the tests: a local secp256k1 key
 * ({@code kyc.local.signer-key}) in place of the KMS key, which LocalStack's KMS cannot use as the
 * registrar's authority on a chain that was funded before the key existed. KMS signing itself is
 * proved by KmsSignerTest; the rest of the signing path is the same code either way.
 */
@ApplicationScoped
public class LocalSigning {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    DigestTransactionSigner signer(LocalConfig config) {
        String key = config.signerKey()
                .orElseThrow(() -> new IllegalStateException("kyc.local.signer-key is not configured"));
        return new DigestTransactionSigner(new LocalKeyDigestSigner(new BigInteger(key.replaceFirst("^0x", ""), 16)));
    }
}
