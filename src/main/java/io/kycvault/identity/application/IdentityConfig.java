package io.kycvault.identity.application;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "kyc.identity")
public interface IdentityConfig {

    /**
     * The Cognito user pool id (the template passes it to the functions that need it). On the laptop
     * stack and in the tests the local token issuer plays the directory ({@code io.kycvault.local.LocalUserDirectory}).
     */
    Optional<String> userPoolId();
}
