package io.kycvault.local;

import io.kycvault.identity.application.UserDirectory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The laptop's stand-in for the user pool's enabled flag (LocalStack's community build has no
 * Cognito): the local issuer ({@link LocalIssuer}) mints no token for a disabled subject, as Cognito
 * signs no disabled user in. Tokens already minted stay valid until they expire, as they do at
 * API Gateway's JWT authorizer. Kept in memory, like the rest of the laptop stack's state. Wherever the
 * harness is on the class path (laptop stack, tests, benchmarks) it takes the Cognito directory's place.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class LocalUserDirectory implements UserDirectory {

    private final Set<String> disabled = ConcurrentHashMap.newKeySet();

    @Override
    public void disable(String subject) {
        disabled.add(subject);
    }

    public boolean isDisabled(String subject) {
        return disabled.contains(subject);
    }
}
