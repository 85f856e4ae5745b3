package io.kycvault.lifecycle.application;

import java.util.Map;

/** Where domain events go (EventBridge in AWS). */
public interface DomainEvents {

    /** Publishes one event; {@code id} lets consumers drop a repeat. */
    void publish(String detailType, String id, Map<String, String> detail);
}
