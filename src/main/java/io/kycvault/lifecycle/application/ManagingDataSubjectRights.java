package io.kycvault.lifecycle.application;

import io.kycvault.audit.application.AppendingAuditRecord;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseEvent;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.identity.Caller;
import io.kycvault.identity.application.UserDirectory;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.DocumentStorage;
import io.kycvault.intake.application.PersonalDataCipher;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.PersonalData;
import io.kycvault.review.application.ReviewStore;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * GDPR access (Art. 15) and erasure (Art. 17). Erasure deletes at once what no law requires keeping
 * (drafts with their uploads, unverified documents); for the rest the AML retention duty applies
 * (Art. 17(3)(b)): processing is restricted until retention ends, when the lifecycle job deletes it.
 * Once every case is deleted or restricted, the applicant's user is disabled: nobody signs in as them
 * again (and so nothing new is collected about them).
 */
@ApplicationScoped
public class ManagingDataSubjectRights {

    public record DocumentExport(String documentId, String docType, String status, String reasonCode, Instant presignedAt,
            Instant settledAt) {
    }

    public record DecisionExport(String decision, List<String> reasonCodes, Integer rating, String ratingExpiresOn, Instant at) {
    }

    public record HistoryEntry(Instant at, String action, String fromStatus, String toStatus) {
    }

    /**
     * The personal data as the export shows it: its own record, so the export's shape (Art. 15 GDPR, the
     * README's data-export example) does not change when intake's model does.
     */
    public record PersonalDataExport(String givenNames, String familyName, java.time.LocalDate dateOfBirth, String nationality,
            String countryOfResidence, String region, AddressExport address, String taxId) {

        static PersonalDataExport of(PersonalData pd) {
            var a = pd.address();
            return new PersonalDataExport(pd.givenNames(), pd.familyName(), pd.dateOfBirth(), pd.nationality(),
                    pd.countryOfResidence(), pd.region(),
                    a == null ? null : new AddressExport(a.line1(), a.line2(), a.postalCode(), a.city()), pd.taxId());
        }
    }

    public record AddressExport(String line1, String line2, String postalCode, String city) {
    }

    public record CaseExport(String caseId, String status, Instant createdAt, PersonalDataExport personalData, String personalDataNote,
            boolean processingRestricted, Instant relationshipEndedAt, Instant retentionEndsAt, List<DocumentExport> documents,
            List<DecisionExport> decisions, List<HistoryEntry> statusHistory, List<String> wallets, String onChainInvestorId,
            String registrationTransaction) {
    }

    public record Export(String subject, Instant exportedAt, List<CaseExport> cases) {
    }

    public record Erasure(List<String> deleted, List<String> restricted, int unverifiedDocumentsDeleted, boolean signInDisabled,
            String note) {
    }

    private static final Logger LOG = Logger.getLogger(ManagingDataSubjectRights.class);

    private final LifecycleStore store;
    private final CaseFiles caseFiles;
    private final CaseStore cases;
    private final ReviewStore reviews;
    private final PersonalDataCipher cipher;
    private final DocumentStorage storage;
    private final AppendingAuditRecord audit;
    private final RunningLifecycle lifecycle;
    private final UserDirectory directory;
    private final RetentionClockStarts clockStarts;
    private final Clock clock;

    public ManagingDataSubjectRights(LifecycleStore store, CaseFiles caseFiles, CaseStore cases, ReviewStore reviews, PersonalDataCipher cipher,
            DocumentStorage storage, AppendingAuditRecord audit, RunningLifecycle lifecycle, UserDirectory directory,
            LifecycleConfig config, Clock clock, RetentionClockStarts clockStarts) {
        this.store = store;
        this.caseFiles = caseFiles;
        this.cases = cases;
        this.reviews = reviews;
        this.cipher = cipher;
        this.storage = storage;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.directory = directory;
        this.clockStarts = clockStarts;
        this.clock = clock;
    }

    public Export export(Caller subject) {
        List<CaseExport> out = new ArrayList<>();
        for (String caseId : store.casesOf(subject.subject())) {
            var file = store.load(caseId).orElse(null);
            if (file == null) {
                continue;
            }
            var c = file.kycCase();
            PersonalDataExport pd = null;
            String note;
            if (file.purged()) {
                note = "deleted under the retention policy (" + (file.retentionEndsAt() == null ? "draft not submitted"
                        : "retention ended " + file.retentionEndsAt()) + ")";
            } else {
                pd = cases.personalData(caseId).map(sealed -> PersonalDataExport.of(cipher.open(caseId, sealed))).orElse(null);
                note = file.processingRestricted() ? "kept only as the law requires; processing restricted at your request" : null;
            }
            List<DocumentExport> documents = cases.documents(caseId).stream().map(d -> new DocumentExport(d.documentId(),
                    d.type().name(), d.status().name(), d.rejection() == null ? null : d.rejection().name(), d.presignedAt(),
                    d.settledAt())).toList();
            List<DecisionExport> decisions = reviews.decisions(caseId).stream().map(v -> new DecisionExport(v.kind().name(),
                    v.reasonCodes(), v.rating(), v.ratingExpiresOn() == null ? null : v.ratingExpiresOn().toString(), v.at())).toList();
            List<HistoryEntry> history = caseFiles.auditTrail(caseId).stream()
                    .map((AuditRecord r) -> new HistoryEntry(r.at(), r.action(), r.fromStatus(), r.toStatus())).toList();
            out.add(new CaseExport(caseId, c.status().name(), c.createdAt(), pd, note, file.processingRestricted(),
                    file.relationshipEndedAt(), file.retentionEndsAt(), documents, decisions, history, c.wallets(),
                    file.investorId(), file.registrationTx()));
            audit.append(c, subject.subject(), "DATA_EXPORTED", Map.of("to", "data subject"));
        }
        return new Export(subject.subject(), clock.instant(), out);
    }

    public Erasure erase(Caller subject) {
        Instant now = clock.instant();
        List<String> deleted = new ArrayList<>();
        List<String> restricted = new ArrayList<>();
        int unverified = 0;
        for (String caseId : store.casesOf(subject.subject())) {
            var file = store.load(caseId).orElse(null);
            if (file == null || file.purged()) {
                continue;
            }
            var c = file.kycCase();
            if (c.status() == CaseStatus.DRAFT) {
                lifecycle.purge(file, "ERASED_ON_REQUEST", "draft erased at the applicant's request", now);
                deleted.add(caseId);
                continue;
            }
            for (Document d : cases.documents(caseId)) {
                if (d.status() != DocumentStatus.VERIFIED) {
                    storage.deleteAllVersions(d.objectKey());
                    unverified++;
                }
            }
            if (!file.processingRestricted()) {
                try {
                    ChangingCase.retrying(() -> {
                        var current = store.load(caseId).orElseThrow();
                        if (current.processingRestricted()) {
                            return;
                        }
                        // A relationship still running ends with the request: the retention clock starts now.
                        boolean ends = current.relationshipEndedAt() == null;
                        Instant retentionEnd = ends ? clockStarts.clock(now).retentionEndsAt() : current.retentionEndsAt();
                        Map<String, String> details = Map.of("restrictedUntil", retentionEnd.toString(),
                                "legalBasis", "GDPR Art. 17(3)(b): AML record keeping");
                        KycCase k = current.kycCase();
                        var transition = ends
                                ? k.endRelationship(now, RunningLifecycle.ACTOR, "ERASURE_REQUESTED", now,
                                        CaseEvent.RelationshipEnded.Why.ERASURE_REQUESTED, details)
                                : k.change(now, RunningLifecycle.ACTOR, "ERASURE_REQUESTED", k.status(), details);
                        if (lifecycle.write(current, transition, LifecycleStore.Change.erasureRequested(now)) == null) {
                            throw new CaseFiles.ConcurrentChange("case " + caseId + " changed while the erasure request was recorded");
                        }
                    });
                } catch (CaseFiles.ConcurrentChange e) {
                    // Never answer "restricted" for a restriction that was not recorded: the applicant retries.
                    throw DomainException.conflict("CONCURRENT_CHANGE",
                            "your case changed while the request was recorded; send it again");
                }
            }
            restricted.add(caseId);
        }
        // Last, so that a request that failed above can be sent again with the same sign-in.
        try {
            directory.disable(subject.subject());
        } catch (RuntimeException e) {
            LOG.errorf(e, "erasure of %s: every case is deleted or restricted, but the user could not be disabled", subject.subject());
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "SIGN_IN_NOT_DISABLED",
                    "your cases are deleted or restricted, but your sign-in could not be switched off yet; send the request again");
        }
        return new Erasure(deleted, restricted, unverified, true, restricted.isEmpty()
                ? "everything was deleted; you can no longer sign in"
                : "records the law requires are kept, with processing restricted, until their retention ends; then they are deleted."
                        + " You can no longer sign in");
    }
}
