package io.kycvault.lifecycle.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "kyc.lifecycle")
public interface LifecycleConfig {

    /** How long one run may hold the job lease before another may take over. */
    @WithDefault("PT15M")
    Duration leaseDuration();

    /** EventBridge bus for domain events (name or ARN). */
    @WithDefault("kyc-vault-domain-events")
    String eventBus();

    /** EventBridge endpoint override (the local emulator); unset in AWS. */
    java.util.Optional<String> eventsEndpoint();
}
