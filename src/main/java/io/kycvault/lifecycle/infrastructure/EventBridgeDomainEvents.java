package io.kycvault.lifecycle.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.lifecycle.application.DomainEvents;
import io.kycvault.lifecycle.application.LifecycleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Domain events on the EventBridge bus, with the event id in the detail for consumers to drop repeats. */
@ApplicationScoped
public class EventBridgeDomainEvents implements DomainEvents {

    private final EventBridgeClient events;
    private final String bus;
    private final ObjectMapper json = new ObjectMapper();

    public EventBridgeDomainEvents(EventBridgeClient events, LifecycleConfig config) {
        this.events = events;
        this.bus = config.eventBus();
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
