package io.kycvault.registry.application;

import io.kycvault.registry.model.InvestorIdentity;

/** Turns an identity into the registrar's bytes32 investor ID. */
public interface InvestorIdMinter {

    byte[] mint(InvestorIdentity identity, int countryNumeric);
}
