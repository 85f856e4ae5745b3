package io.kycvault.registry.application;

import io.kycvault.identity.Caller;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The compliance officers' list of registrations parked for a decision: approved cases the chain function
 * did not put on chain by itself (a possible second identity, an ID of another applicant, an unproven
 * approval, a restriction, a refusal by the registrar), each with its reason code.
 */
@ApplicationScoped
public class ListingParkedRegistrations {

    private final RegistrationStore store;

    public ListingParkedRegistrations(RegistrationStore store) {
        this.store = store;
    }

    public List<RegistrationStore.Parked> list(Caller caller) {
        if (!caller.isCompliance()) {
            throw DomainException.forbidden("NOT_COMPLIANCE", "this route is for compliance officers");
        }
        return store.parked();
    }
}
