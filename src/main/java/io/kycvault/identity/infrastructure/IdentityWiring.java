package io.kycvault.identity.infrastructure;

import io.kycvault.identity.application.IdentityConfig;
import io.kycvault.identity.application.UserDirectory;
import io.kycvault.local.LocalUserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The user directory as configured: Cognito in AWS, the local token issuer's on a laptop and in the tests. */
@ApplicationScoped
public class IdentityWiring {

    @Produces
    @Singleton
    UserDirectory directory(IdentityConfig config, Instance<LocalUserDirectory> local) {
        return switch (config.directory()) {
            case "cognito" -> new CognitoUserDirectory(config.userPoolId()
                    .orElseThrow(() -> new IllegalStateException("kyc.identity.user-pool-id is required for directory=cognito")));
            case "local" -> local.get();
            default -> throw new IllegalStateException("kyc.identity.directory must be cognito or local");
        };
    }
}
