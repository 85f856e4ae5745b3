package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.Registrar;
import io.kycvault.registry.application.RegistryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The chain function's cold start asks the node for its chain id and the registrar's code, so a reset
 * or foreign chain raises the alarm before any batch (each batch asks again: RegisteringInvestors).
 * A node that does not answer is only a warning here: the batches retry it.
 */
@ApplicationScoped
class RegistrarStartupCheck {

    private static final Logger LOG = Logger.getLogger(RegistrarStartupCheck.class);

    void check(@Observes StartupEvent event, @ConfigProperty(name = "quarkus.lambda.handler") String handler,
            Instance<Registrar> registrar, RegistryConfig config) {
        if (!"chain-registration".equals(handler)) {
            return;
        }
        try {
            Registrar r = registrar.get();
            r.unusable().ifPresent(reason -> LOG.errorf(
                    "SECURITY_EVENT registrar unusable at start-up (%s) at %s on chain %d: every batch will be parked", reason,
                    r.address(), config.chainId()));
        } catch (RuntimeException e) {
            LOG.warnf("registrar not checked at start-up: %s", e.getMessage());
        }
    }
}
