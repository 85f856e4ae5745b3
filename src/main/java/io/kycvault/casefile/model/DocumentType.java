package io.kycvault.casefile.model;

public enum DocumentType {
    PASSPORT,
    ID_CARD_FRONT,
    ID_CARD_BACK,
    DRIVING_LICENCE_FRONT,
    DRIVING_LICENCE_BACK,
    PROOF_OF_ADDRESS,
    PROOF_OF_FUNDS
}
