package io.kycvault.registry.application;

import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The chain function's own records: the one outstanding transaction, and outcomes per case. */
public interface RegistrationStore {

    /** The transaction sent and not yet settled (one signer, so at most one). */
    record Pending(String txHash, long nonce, List<String> caseIds, Instant sentAt) {
    }

    Optional<Pending> pending();

    void savePending(Pending pending);

    void clearPending(String txHash);

    /** Parked cases are not retried; the reason is on the case and in its audit trail. */
    Optional<String> parkedReason(String caseId);

    /** A case whose registration waits for a person's decision: its status, the park's reason code, its last change. */
    record Parked(String caseId, String status, String reasonCode, String updatedAt) {
    }

    /** Every case parked for a decision, oldest change first (from the sparse parked index). */
    List<Parked> parked();

    /**
     * What keeps an approved case off the public chain, if anything: an earlier park ({@code parked},
     * not retried), or a reason to park it now: the applicant asked for erasure or restriction of
     * processing ({@code PROCESSING_RESTRICTED}), or the business relationship has ended
     * ({@code RELATIONSHIP_ENDED}). One read of the case.
     */
    record Hold(String reason, boolean parked) {
    }

    Optional<Hold> hold(String caseId);

    /**
     * The applicant an investor ID was registered for by this pipeline, if it was; looked up by the
     * ID's keyed digest, so the lineage, which outlives every case, never names the ID itself.
     */
    Optional<String> applicantOf(String investorIdDigest);

    /** The applicant whose investor carries this partial-identity fingerprint, if any. */
    Optional<String> applicantOfFingerprint(String fingerprint);

    /**
     * Puts the investor ID on the case (until its purge) and records, in the same write, the lineage
     * investor ID digest (and the fingerprint) → applicant → case.
     */
    void markRegistered(KycCase expected, KycCase updated, String investorId, String investorIdDigest, String fingerprint,
            String txHash, long block, AuditRecord record);

    void park(KycCase expected, KycCase updated, String reason, AuditRecord record);
}
