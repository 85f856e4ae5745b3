package io.kycvault.lifecycle.infrastructure;

import io.kycvault.lifecycle.application.LifecycleConfig;
import io.kycvault.shared.AwsCallCounter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The EventBridge client, configured like the Quarkus-managed clients (URL-connection HTTP client,
 * the call counter; the emulator's endpoint when {@code kyc.lifecycle.events-endpoint} is set).
 * Built here because the Quarkus extension for EventBridge is not available in the version the
 * other AWS extensions use.
 */
@ApplicationScoped
public class EventBridgeWiring {

    @Produces
    @Singleton
    EventBridgeClient eventBridge(LifecycleConfig config) {
        var builder = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new AwsCallCounter()));
        config.eventsEndpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "test")))
                .region(Region.EU_CENTRAL_1));
        return builder.build();
    }
}
