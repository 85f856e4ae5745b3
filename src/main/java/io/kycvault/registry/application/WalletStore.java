package io.kycvault.registry.application;

import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.registry.model.WalletChallenge;
import java.util.Optional;

/** Challenges issued to applicants, single use. */
public interface WalletStore {

    record StoredChallenge(WalletChallenge challenge, boolean used) {
    }

    void save(WalletChallenge challenge);

    Optional<StoredChallenge> find(String caseId, String nonce);

    /** Marks the challenge used and records the wallet on the case in one conditional transaction. */
    Result accept(WalletChallenge challenge, KycCase expected, KycCase updated, AuditRecord record);

    enum Result { ACCEPTED, ALREADY_USED, CASE_CHANGED }
}
