package io.kycvault.audit.application;

import io.kycvault.audit.model.AuditChain;
import io.kycvault.audit.model.AuditCheckpoint;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.ChainHead;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a case's audit trail for compliance, and every case for the daily sweep: the hash chain
 * in itself, the chain against the latest signed checkpoint (rewritten, truncated, vanished), every
 * vote's signature, and for an approved case the two signed approvals behind it. Records appended
 * since the checkpoint are counted as not yet anchored.
 */
@ApplicationScoped
public class VerifyingAuditTrail {

    /** The verdict on one case. {@code checkpoint} names the checkpoint it was held against, if any. */
    public record CaseAudit(String caseId, List<AuditRecord> records, boolean intact, List<AuditChain.Problem> problems,
            String checkpoint, long notYetAnchored) {
    }

    public record Sweep(int cases, int intact, List<CaseAudit> broken, String checkpoint, long notYetAnchored) {
    }

    /** The latest checkpoint, or why it cannot be trusted. */
    private record Anchors(AuditCheckpoint checkpoint, AuditChain.Problem problem) {
        String id() {
            return checkpoint == null ? null : checkpoint.id() + "@" + checkpoint.takenAt();
        }

        ChainHead of(String caseId) {
            return checkpoint == null ? null : checkpoint.cases().get(caseId);
        }
    }

    private static final Set<CaseStatus> APPROVED = Set.of(CaseStatus.APPROVED, CaseStatus.REGISTERED);

    private final CaseFiles cases;
    private final CheckpointArchive archive;
    private final StatementSignatures.Checkpoints checkpointSignatures;
    private final ProvingApproval approvals;

    public VerifyingAuditTrail(CaseFiles cases, CheckpointArchive archive, StatementSignatures.Checkpoints checkpointSignatures,
            ProvingApproval approvals) {
        this.cases = cases;
        this.archive = archive;
        this.checkpointSignatures = checkpointSignatures;
        this.approvals = approvals;
    }

    public CaseAudit verify(Caller caller, String caseId) {
        if (!caller.isCompliance()) {
            throw DomainException.forbidden("NOT_COMPLIANCE", "the audit trail is for compliance officers");
        }
        if (!Ids.isIssued(caseId)) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        Anchors anchors = anchors();
        Optional<KycCase> found = cases.find(caseId);
        if (found.isEmpty()) {
            if (anchors.of(caseId) == null) {
                throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
            }
            return vanished(caseId, anchors);
        }
        return verify(found.get(), anchors);
    }

    /** "Verify all" for a compliance officer: the sweep, on demand. */
    public Sweep verifyAll(Caller caller) {
        if (!caller.isCompliance()) {
            throw DomainException.forbidden("NOT_COMPLIANCE", "the audit trail is for compliance officers");
        }
        return sweep();
    }

    public Sweep sweep() {
        Anchors anchors = anchors();
        List<CaseAudit> broken = new ArrayList<>();
        List<String> ids = cases.allCaseIds();
        long notYetAnchored = 0;
        for (String caseId : ids) {
            Optional<KycCase> found = cases.find(caseId);
            if (found.isEmpty()) {
                continue;
            }
            CaseAudit audit = verify(found.get(), anchors);
            notYetAnchored += audit.notYetAnchored();
            if (!audit.intact()) {
                broken.add(audit);
            }
        }
        int intact = ids.size() - broken.size();
        if (anchors.checkpoint() != null) {
            Set<String> present = new HashSet<>(ids);
            for (String anchored : anchors.checkpoint().cases().keySet()) {
                if (!present.contains(anchored)) {
                    broken.add(vanished(anchored, anchors));
                }
            }
        }
        return new Sweep(ids.size(), intact, broken, anchors.id(), notYetAnchored);
    }

    private CaseAudit verify(KycCase kycCase, Anchors anchors) {
        List<AuditRecord> records = cases.auditTrail(kycCase.caseId());
        List<AuditChain.Problem> problems = new ArrayList<>(
                AuditChain.verify(records, kycCase.auditHead(), kycCase.auditSequence()).problems());
        if (anchors.problem() != null) {
            problems.add(anchors.problem());
        }
        ChainHead anchor = anchors.of(kycCase.caseId());
        problems.addAll(AuditChain.againstAnchor(records, anchor));
        for (AuditRecord vote : approvals.unsigned(records)) {
            problems.add(new AuditChain.Problem(vote.sequence(), AuditChain.Finding.FORGED_DECISION,
                    "the vote is not signed by the review function's key"));
        }
        if (APPROVED.contains(kycCase.status())) {
            var proof = approvals.prove(kycCase.applicantId(), records);
            if (!proof.proven()) {
                problems.add(new AuditChain.Problem(kycCase.auditSequence(), AuditChain.Finding.APPROVAL_NOT_PROVEN, proof.problem()));
            }
        }
        return new CaseAudit(kycCase.caseId(), records, problems.isEmpty(), List.copyOf(problems), anchors.id(),
                AuditChain.unanchored(records, anchor));
    }

    private static CaseAudit vanished(String caseId, Anchors anchors) {
        return new CaseAudit(caseId, List.of(), false, List.of(new AuditChain.Problem(anchors.of(caseId).sequence(),
                AuditChain.Finding.VANISHED, "the case is in checkpoint " + anchors.id() + " but no longer in the table")),
                anchors.id(), 0);
    }

    private Anchors anchors() {
        Optional<CheckpointArchive.Stored> latest = archive.latest();
        if (latest.isEmpty()) {
            return new Anchors(null, null);
        }
        CheckpointArchive.Stored stored = latest.get();
        AuditCheckpoint checkpoint = stored.checkpoint();
        if (!stored.name().equals(checkpoint.objectName())) {
            return new Anchors(null, new AuditChain.Problem(0, AuditChain.Finding.CHECKPOINT_INVALID,
                    "checkpoint " + stored.name() + " holds another checkpoint's content (" + checkpoint.objectName() + ")"));
        }
        if (!checkpointSignatures.verify(checkpoint.canonical(), stored.signature())) {
            return new Anchors(null, new AuditChain.Problem(0, AuditChain.Finding.CHECKPOINT_INVALID,
                    "checkpoint " + stored.name() + " is not signed by the checkpoint function's key"));
        }
        return new Anchors(checkpoint, null);
    }
}
