package io.kycvault.identity.infrastructure;

import io.kycvault.identity.application.UserDirectory;
import io.kycvault.shared.AwsCallCounter;
import org.jboss.logging.Logger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * {@code AdminDisableUser} on the user pool. The pool signs users in by e-mail
 * ({@code UsernameAttributes: [email]}), so Cognito names each user by a generated id that is the
 * token's {@code sub}; AdminDisableUser takes the {@code sub} as the user name in such a pool.
 */
class CognitoUserDirectory implements UserDirectory {

    private static final Logger LOG = Logger.getLogger(CognitoUserDirectory.class);

    private final String userPoolId;
    private volatile CognitoIdentityProviderClient client;

    CognitoUserDirectory(String userPoolId) {
        this.userPoolId = userPoolId;
    }

    @Override
    public void disable(String subject) {
        try {
            client().adminDisableUser(r -> r.userPoolId(userPoolId).username(subject));
        } catch (UserNotFoundException e) {
            // Not a user of this pool (deleted by an operator already): nobody is left to sign in.
            LOG.warnf("subject %s is not a user of pool %s; nothing to disable", subject, userPoolId);
        }
    }

    private CognitoIdentityProviderClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = CognitoIdentityProviderClient.builder().httpClient(UrlConnectionHttpClient.create())
                            .overrideConfiguration(c -> c.addExecutionInterceptor(new AwsCallCounter())).build();
                }
            }
        }
        return client;
    }
}
