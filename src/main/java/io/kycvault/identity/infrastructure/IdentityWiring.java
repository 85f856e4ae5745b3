package io.kycvault.identity.infrastructure;

import io.kycvault.identity.application.IdentityConfig;
import io.kycvault.identity.application.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The user directory: the Cognito user pool (the laptop stack's harness puts its own in place). */
@ApplicationScoped
public class IdentityWiring {

    @Produces
    @Singleton
    UserDirectory directory(IdentityConfig config) {
        return new CognitoUserDirectory(config.userPoolId()
                .orElseThrow(() -> new IllegalStateException("kyc.identity.user-pool-id is not configured")));
    }
}
