package io.kycvault.testing;

import io.kycvault.local.LocalQueuePollers;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Installs the registration probe before the local event source mappings start delivering. */
@ApplicationScoped
public class RegistrationProbeInstaller {

    void install(@Observes @Priority(10) StartupEvent event, LocalQueuePollers pollers) {
        RegistrationProbe.install(pollers);
    }
}
