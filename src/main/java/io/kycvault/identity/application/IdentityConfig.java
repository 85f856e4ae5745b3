package io.kycvault.identity.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "kyc.identity")
public interface IdentityConfig {

    /** {@code cognito} (AWS) or {@code local} (the laptop's token issuer plays the directory). */
    @WithDefault("cognito")
    String directory();

    /** The Cognito user pool id, for {@code directory=cognito} (the template passes it to the functions that need it). */
    Optional<String> userPoolId();
}
