package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Where the registrar is: configured (AWS, testnet), or deployed at start-up by the local stack. */
@ApplicationScoped
public class RegistrarLocation {

    private final RegistryConfig config;
    private volatile String deployed;

    public RegistrarLocation(RegistryConfig config) {
        this.config = config;
    }

    public Optional<String> address() {
        return deployed != null ? Optional.of(deployed) : config.registrarAddress();
    }

    public void deployedAt(String address) {
        this.deployed = address;
    }
}
