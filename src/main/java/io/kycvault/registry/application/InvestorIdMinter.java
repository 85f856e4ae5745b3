package io.kycvault.registry.application;

import io.kycvault.registry.model.InvestorIdentity;

/** Turns an identity into the registrar's bytes32 investor ID. */
public interface InvestorIdMinter {

    byte[] mint(InvestorIdentity identity, int countryNumeric);

    /**
     * The same scheme over birth date, tax ID and country only: kept in the table (never on chain) so
     * a second application by the same person under another name is caught before it becomes a
     * second investor.
     */
    byte[] fingerprint(InvestorIdentity identity, int countryNumeric);
}
