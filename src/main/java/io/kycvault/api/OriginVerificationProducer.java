package io.kycvault.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The origin check as configured: in AWS the secret's ARN comes from the template; the laptop stack has no CloudFront. */
@ApplicationScoped
public class OriginVerificationProducer {

    @Produces
    @ApplicationScoped
    OriginVerification originVerification(@ConfigProperty(name = "kyc.edge.origin-check", defaultValue = "required") String mode,
            @ConfigProperty(name = "kyc.edge.origin-secret-arn") Optional<String> secretArn) {
        if ("off".equals(mode)) {
            return OriginVerification.off();
        }
        // Required but unconfigured: fail closed (every API request refused), never open.
        return new OriginVerification(true, () -> secretArn.map(OriginVerificationProducer::read).orElse(null));
    }

    private static SecretsManagerClient client;

    private static synchronized String read(String arn) {
        if (client == null) {
            client = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
        return client.getSecretValue(r -> r.secretId(arn)).secretString();
    }
}
