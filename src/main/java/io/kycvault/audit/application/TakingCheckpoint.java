package io.kycvault.audit.application;

import io.kycvault.audit.model.AuditCheckpoint;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Signs the heads of every case's audit chain and keeps them in the checkpoint archive. */
@ApplicationScoped
public class TakingCheckpoint {

    public record Taken(String id, String takenAt, int cases) {
    }

    private final CaseFiles cases;
    private final StatementSignatures.Checkpoints signatures;
    private final CheckpointArchive archive;
    private final Clock clock;

    public TakingCheckpoint(CaseFiles cases, StatementSignatures.Checkpoints signatures, CheckpointArchive archive, Clock clock) {
        this.cases = cases;
        this.signatures = signatures;
        this.archive = archive;
        this.clock = clock;
    }

    public Taken take() {
        AuditCheckpoint checkpoint = AuditCheckpoint.of(Ids.newId(), clock.instant(), cases.auditHeads());
        archive.store(checkpoint, signatures.sign(checkpoint.canonical()));
        return new Taken(checkpoint.id(), checkpoint.takenAt().toString(), checkpoint.cases().size());
    }
}
