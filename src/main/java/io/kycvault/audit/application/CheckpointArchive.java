package io.kycvault.audit.application;

import io.kycvault.audit.model.AuditCheckpoint;
import java.util.Optional;

/** Where signed checkpoints are kept, outside the table: written once, never overwritten or deleted early. */
public interface CheckpointArchive {

    record Stored(String name, AuditCheckpoint checkpoint, String signature) {
    }

    void store(AuditCheckpoint checkpoint, String signature);

    /** The newest checkpoint as stored (not yet verified), if any. */
    Optional<Stored> latest();
}
