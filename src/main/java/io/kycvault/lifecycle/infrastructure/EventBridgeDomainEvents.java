package io.kycvault.lifecycle.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.lifecycle.application.DomainEvents;
import io.kycvault.lifecycle.application.LifecycleConfig;
import io.kycvault.shared.AwsCallCounter;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Domain events on the EventBridge bus, with the event id in the detail for consumers to drop repeats. */
@ApplicationScoped
public class EventBridgeDomainEvents implements DomainEvents {

    private final EventBridgeClient events;
    private final String bus;
    private final ObjectMapper json = new ObjectMapper();

    public EventBridgeDomainEvents(LifecycleConfig config) {
        Optional<String> endpoint = config.eventsEndpoint();
        var builder = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new AwsCallCounter()));
        endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("123456789012", "test")))
                .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1));
        this.events = builder.build();
        this.bus = config.eventBus();
    }

    /** Local stack only: creates the bus the template declares. */
    public void createBus(String name) {
        try {
            events.createEventBus(r -> r.name(name));
        } catch (software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException exists) {
            // already there
        }
    }

    @Override
    public void publish(String detailType, String id, Map<String, String> detail) {
        Map<String, String> body = new LinkedHashMap<>(detail);
        body.put("eventId", id);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = events.putEvents(r -> r.entries(e -> e.eventBusName(bus).source("kyc-vault").detailType(detailType).detail(text)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("event not accepted: " + response.entries().get(0).errorCode());
        }
    }
}
