package io.kycvault.local;

import io.kycvault.registry.application.RegistryConfig;
import io.kycvault.registry.infrastructure.DigestTransactionSigner;
import io.kycvault.registry.infrastructure.RegistrarBootstrap;
import io.kycvault.registry.infrastructure.RegistrarLocation;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Convert;

/**
 * On the laptop: deploys the registrar to the local node at start-up (anvil's first three
 * accounts as a 2-of-3 owner multisig), appoints the pipeline's signer as an authority and funds it.
 */
@ApplicationScoped
public class LocalChain {

    private final LocalConfig config;
    private final RegistryConfig registry;
    // Looked up only when the bootstrap runs: in AWS no function may build a signer (and call KMS) at start-up.
    private final Instance<Web3j> web3j;
    private final Instance<DigestTransactionSigner> signer;
    private final RegistrarLocation location;
    private volatile RegistrarBootstrap.Deployed deployed;

    LocalChain(LocalConfig config, RegistryConfig registry, Instance<Web3j> web3j, Instance<DigestTransactionSigner> signer,
            RegistrarLocation location) {
        this.config = config;
        this.registry = registry;
        this.web3j = web3j;
        this.signer = signer;
        this.location = location;
    }

    void start(@Observes @Priority(5) StartupEvent event) throws Exception {
        if (!config.chainBootstrap() || registry.registrarAddress().isPresent()) {
            return;
        }
        List<String> accounts = web3j.get().ethAccounts().send().getAccounts();
        if (accounts.size() < 3) {
            throw new IllegalStateException("the local node must offer three unlocked accounts for the owner multisig");
        }
        deployed = RegistrarBootstrap.deploy(web3j.get(), registry.chainId(), accounts.subList(0, 3), 2, signer.get().getAddress(),
                registry.countries(), Convert.toWei("100", Convert.Unit.ETHER).toBigInteger());
        location.deployedAt(deployed.registrar());
    }

    public RegistrarBootstrap.Deployed deployed() {
        return deployed;
    }
}
