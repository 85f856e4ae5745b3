package io.kycvault.audit.application;

import io.kycvault.audit.model.IdentifierDigest;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.identity.Caller;
import io.kycvault.shared.DomainException;
import io.kycvault.shared.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Answers compliance's "was wallet X (investor ID Y) named in this case?" from the audit trail,
 * which holds keyed digests only: the digest of the identifier asked about is computed with the key
 * and compared with every digest in the case's records — also after the case was purged.
 */
@ApplicationScoped
public class FindingIdentifier {

    /** A record that names the identifier, and in which of its details. */
    public record Mention(long sequence, Instant at, String action, String detail) {
    }

    public record Found(String caseId, String kind, String digest, List<Mention> records) {
    }

    private final CaseFiles cases;
    private final IdentifierDigests digests;

    public FindingIdentifier(CaseFiles cases, IdentifierDigests digests) {
        this.cases = cases;
        this.digests = digests;
    }

    public Found find(Caller caller, String caseId, String wallet, String investorId) {
        if (!caller.isCompliance()) {
            throw DomainException.forbidden("NOT_COMPLIANCE", "the audit trail is for compliance officers");
        }
        if ((wallet == null) == (investorId == null)) {
            throw DomainException.invalid("IDENTIFIER_REQUIRED", "ask for exactly one of wallet or investorId");
        }
        IdentifierDigest.Kind kind = wallet != null ? IdentifierDigest.Kind.WALLET : IdentifierDigest.Kind.INVESTOR_ID;
        String value = wallet != null ? wallet : investorId;
        try {
            IdentifierDigest.canonical(kind, value);
        } catch (IllegalArgumentException e) {
            throw wallet != null ? DomainException.invalid("INVALID_ADDRESS", "wallet must be a 20-byte hex address")
                    : DomainException.invalid("INVALID_INVESTOR_ID", "investorId must be 32 bytes in hex");
        }
        List<AuditRecord> trail = Ids.isIssued(caseId) ? cases.auditTrail(caseId) : List.of();
        if (trail.isEmpty()) {
            throw DomainException.notFound("CASE_NOT_FOUND", "no such case");
        }
        String digest = digests.digest(kind, value);
        List<Mention> mentions = new ArrayList<>();
        for (AuditRecord r : trail) {
            r.details().forEach((name, held) -> {
                if ((name.endsWith("Digest") || name.endsWith("Digests")) && Arrays.asList(held.split(",")).contains(digest)) {
                    mentions.add(new Mention(r.sequence(), r.at(), r.action(), name));
                }
            });
        }
        mentions.sort(java.util.Comparator.comparingLong(Mention::sequence));
        return new Found(caseId, kind == IdentifierDigest.Kind.WALLET ? "wallet" : "investorId", digest, mentions);
    }
}
