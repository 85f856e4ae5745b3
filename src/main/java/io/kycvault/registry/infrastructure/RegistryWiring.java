package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.InvestorIdMinter;
import io.kycvault.registry.application.Registrar;
import io.kycvault.registry.application.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import software.amazon.awssdk.services.kms.KmsClient;

/** Chooses the signer, the investor-ID scheme and the node from configuration. */
@ApplicationScoped
public class RegistryWiring {

    @Produces
    @Singleton
    Web3j web3j(RegistryConfig config) {
        return Web3j.build(new HttpService(config.rpcUrl()));
    }

    @Produces
    @Singleton
    DigestTransactionSigner signer(RegistryConfig config, KmsClient kms) {
        return new DigestTransactionSigner(new KmsDigestSigner(kms, config.signerKey()
                .orElseThrow(() -> new IllegalStateException("kyc.registry.signer-key is not configured"))));
    }

    @Produces
    @Singleton
    Registrar registrar(RegistryConfig config, Web3j web3j, DigestTransactionSigner signer, RegistrarLocation location) {
        String address = location.address()
                .orElseThrow(() -> new IllegalStateException("kyc.registry.registrar-address is not configured"));
        return new Web3Registrar(web3j, signer, address, config.chainId(), config.confirmations(), config.pollInterval(),
                BigInteger.valueOf(config.maxFeePerGasWei()), BigInteger.valueOf(config.maxPriorityFeePerGasWei()));
    }

    @Produces
    @Singleton
    InvestorIdMinter minter(RegistryConfig config, KmsClient kms) {
        return switch (config.idScheme()) {
            case "keyed" -> InvestorIdMinters.keyed(kms, config.investorIdKey());
            case "sft" -> InvestorIdMinters.sft();
            default -> throw new IllegalStateException("kyc.registry.id-scheme must be keyed or sft");
        };
    }
}
