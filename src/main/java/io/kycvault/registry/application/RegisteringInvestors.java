package io.kycvault.registry.application;

import io.kycvault.audit.application.IdentifierDigests;
import io.kycvault.audit.application.ProvingApproval;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.PersonalDataCipher;
import io.kycvault.intake.model.PersonalData;
import io.kycvault.registry.model.InvestorIdentity;
import io.kycvault.registry.model.Jurisdiction;
import io.kycvault.review.application.RegistrationRequest;
import io.kycvault.review.model.Evidence;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.web3j.utils.Numeric;

/**
 * Registers approved investors on the registrar, at most once each, whatever happens between:
 * <ol>
 * <li>an outstanding transaction from an earlier run is settled first (its receipt, or found dropped
 * or replaced — then forgotten, because step 2 decides from the chain itself);</li>
 * <li>every investor is looked up on chain before anything is sent; one already registered (a
 * crash after sending, a duplicate message) is recorded from its NewInvestor event;</li>
 * <li>the rest go into one {@code addInvestors} transaction, signed and recorded as pending before it
 * is sent, so a crash after sending leaves a transaction hash to follow;</li>
 * <li>an investor counts as registered only when the receipt carries its NewInvestor event (a
 * success receipt without it, e.g. a vote below a multisig threshold, is not done);</li>
 * <li>a refusal the contract explains as permanent (custom error) parks the case with that reason;
 * a batch that reverts, or is refused without naming its culprit, is split in halves until the bad
 * case stands alone, so the good cases register and only that one is parked;</li>
 * <li>a case that still cannot be prepared (or that alone still reverts) after
 * {@code park-after-attempts} deliveries is parked with a {@code SECURITY_EVENT}: one case never holds
 * up the FIFO queue until the dead-letter queue takes it;</li>
 * <li>an unreachable node makes every case of the run a retry (the handler sets the backoff).</li>
 * </ol>
 */
@ApplicationScoped
public class RegisteringInvestors {

    /** One registration request as delivered; {@code attempt} counts deliveries of the message (1 = first). */
    public record Job(String messageId, RegistrationRequest request, int attempt) {
    }

    private static final Logger LOG = Logger.getLogger(RegisteringInvestors.class);

    private final CaseFiles caseFiles;
    private final CaseStore cases;
    private final ProvingApproval approvals;
    private final PersonalDataCipher cipher;
    private final InvestorIdMinter minter;
    private final Registrar registrar;
    private final RegistrationStore store;
    private final IdentifierDigests digests;
    private final RegistryConfig config;
    private final Clock clock;

    public RegisteringInvestors(CaseFiles caseFiles, CaseStore cases, ProvingApproval approvals, PersonalDataCipher cipher, InvestorIdMinter minter,
            Registrar registrar, RegistrationStore store, IdentifierDigests digests, RegistryConfig config, Clock clock) {
        this.caseFiles = caseFiles;
        this.cases = cases;
        this.approvals = approvals;
        this.cipher = cipher;
        this.minter = minter;
        this.registrar = registrar;
        this.store = store;
        this.digests = digests;
        this.config = config;
        this.clock = clock;
    }

    /**
     * {@code idDigest}: the keyed digest of the investor ID, which the table keeps instead of the ID
     * where it must outlive the case (the lineage item, the audit records).
     */
    private record Work(Job job, KycCase kycCase, Registrar.Entry entry, String fingerprint, String idDigest) {
        String idHex() {
            return Numeric.toHexString(entry.id());
        }
    }

    /** Returns the message ids to retry. */
    public Set<String> register(List<Job> jobs) {
        Set<String> retry = new HashSet<>();
        Map<String, Work> work = new LinkedHashMap<>();
        for (Job job : jobs) {
            try {
                prepare(job).ifPresent(w -> work.putIfAbsent(w.kycCase().caseId(), w));
            } catch (RuntimeException e) {
                notPrepared(job, e, retry);
            }
        }
        try {
            onChain(work, retry);
        } catch (Registrar.Unreachable e) {
            // Nothing is lost: what was sent is in the pending record, what was recorded is REGISTERED
            // (skipped when the message comes back), the rest is looked up on chain again.
            LOG.warnf("%s; %d registration(s) retried with backoff", e.getMessage(), work.size());
            work.values().forEach(w -> retry.add(w.job().messageId()));
        }
        return retry;
    }

    private void onChain(Map<String, Work> work, Set<String> retry) {
        if (!work.isEmpty()) {
            Optional<String> unusable = registrar.unusable();
            if (unusable.isPresent()) {
                // A reset or foreign chain would answer "not registered" for every investor forever:
                // nothing is sent, each case is parked for a decision, and the alarm fires.
                LOG.errorf("SECURITY_EVENT registrar unusable (%s) at %s: %d case(s) parked", unusable.get(),
                        registrar.address(), work.size());
                for (Work w : work.values()) {
                    park(w, unusable.get());
                }
                return;
            }
        }
        settlePending(work, retry);
        List<Work> remaining = new ArrayList<>();
        for (Work w : work.values()) {
            var onChain = registrar.investor(w.entry().id());
            if (onChain.isEmpty()) {
                var holder = store.applicantOfFingerprint(w.fingerprint());
                if (holder.isPresent() && !holder.get().equals(w.kycCase().applicantId())) {
                    // Same birth date, tax ID and country as an investor registered for another
                    // applicant, under another name: possibly one person twice. Compliance decides.
                    LOG.errorf("SECURITY_EVENT case %s shares birth date, tax ID and country with another applicant's investor",
                            w.kycCase().caseId());
                    park(w, "POSSIBLE_SECOND_IDENTITY");
                    continue;
                }
                remaining.add(w);
                continue;
            }
            List<String> unbound = registrar.unbound(w.entry().id(), w.entry().wallets());
            if (unbound.isEmpty() && matches(onChain.get(), w.entry())) {
                // Registered as asked: our own earlier transaction (a crash after sending, a duplicate).
                var found = registrar.findRegistration(w.entry().id());
                record(w, found.map(Registrar.Registration::txHash).orElse("unknown"), found.map(Registrar.Registration::block).orElse(0L),
                        "INVESTOR_REGISTERED");
            } else {
                update(w, onChain.get(), unbound, retry);
            }
        }
        if (!remaining.isEmpty()) {
            submit(remaining, retry);
        }
    }

    /** A case whose registration cannot even be put together: retried, then parked, never left to block the queue. */
    private void notPrepared(Job job, RuntimeException e, Set<String> retry) {
        String caseId = job.request().caseId();
        if (job.attempt() >= config.parkAfterAttempts()) {
            LOG.errorf(e, "SECURITY_EVENT registration of case %s could not be prepared in %d attempts; parked", caseId, job.attempt());
            try {
                park(caseId, "REGISTRATION_NOT_PREPARED");
                return;
            } catch (RuntimeException parkFailed) {
                LOG.errorf(parkFailed, "parking case %s failed; retried", caseId);
            }
        } else {
            LOG.errorf(e, "registration of case %s could not be prepared (attempt %d); retried", caseId, job.attempt());
        }
        retry.add(job.messageId());
    }

    private Optional<Work> prepare(Job job) {
        RegistrationRequest r = job.request();
        Optional<KycCase> found = caseFiles.find(r.caseId());
        if (found.isEmpty()) {
            LOG.warnf("registration for unknown case %s dropped", r.caseId());
            return Optional.empty();
        }
        KycCase c = found.get();
        if (c.status() != CaseStatus.APPROVED) {
            // Registered already (a duplicate message) or no longer approved: nothing to do.
            LOG.infof("registration of case %s skipped: case is %s", c.caseId(), c.status());
            return Optional.empty();
        }
        Optional<RegistrationStore.Hold> hold = store.hold(c.caseId());
        if (hold.isPresent()) {
            if (!hold.get().parked()) {
                // An erasure or restriction request, or the end of the relationship, came after the
                // approval: nothing goes onto the public chain, where it could never be taken back.
                park(c.caseId(), hold.get().reason());
            }
            return Optional.empty();
        }
        // The status says APPROVED, but anyone with write access to the table could have written
        // that: register only on two signed, agreeing approvals over the evidence the case holds now.
        var proof = approvals.prove(c.applicantId(), caseFiles.auditTrail(c.caseId()));
        if (!proof.proven()) {
            LOG.errorf("SECURITY_EVENT case %s is APPROVED without a proven approval (%s)", c.caseId(), proof.problem());
            park(c.caseId(), "APPROVAL_NOT_PROVEN");
            return Optional.empty();
        }
        ProvingApproval.Approval approval = proof.approval();
        if (!approval.evidence().equals(Evidence.fingerprint(cases.documents(c.caseId()), c.personalDataVersion()))) {
            LOG.errorf("SECURITY_EVENT case %s: its evidence changed after the approval", c.caseId());
            park(c.caseId(), "EVIDENCE_CHANGED_AFTER_APPROVAL");
            return Optional.empty();
        }
        if (approval.rating() != r.rating() || approval.ratingExpiresAt() != r.ratingExpiresAt()) {
            LOG.errorf("SECURITY_EVENT registration message of case %s differs from its signed approval (rating %d until %d); "
                    + "the signed values are registered", c.caseId(), r.rating(), r.ratingExpiresAt());
        }
        PersonalData pd = cipher.open(c.caseId(), cases.personalData(c.caseId()).orElseThrow());
        Jurisdiction j = Jurisdiction.of(pd.countryOfResidence(), pd.region());
        byte[] id;
        String fingerprint;
        try {
            var identity = new InvestorIdentity(pd.givenNames(), pd.familyName(), pd.dateOfBirth(), pd.taxId());
            id = minter.mint(identity, j.country());
            fingerprint = Numeric.toHexString(minter.fingerprint(identity, j.country()));
        } catch (InvestorIdentity.UnidentifiableName e) {
            // Data accepted before today's intake rules: it cannot identify one person, so it must not
            // become an ID that another applicant could share. Compliance decides.
            park(c.caseId(), "UNIDENTIFIABLE_IDENTITY");
            return Optional.empty();
        }
        return Optional.of(new Work(job, c, new Registrar.Entry(id, j.country(), j.region(), approval.rating(),
                approval.ratingExpiresAt(), c.wallets()), fingerprint, digests.investorId(Numeric.toHexString(id))));
    }

    /** An earlier run's transaction: record what it did, or forget it if the chain never took it. */
    private void settlePending(Map<String, Work> work, Set<String> retry) {
        var pending = store.pending();
        if (pending.isEmpty()) {
            return;
        }
        String hash = pending.get().txHash();
        var receipt = registrar.awaitReceipt(hash, registrar.isKnown(hash) ? config.receiptTimeout() : java.time.Duration.ZERO);
        if (receipt.isPresent()) {
            for (Work w : work.values()) {
                if (containsId(receipt.get().newInvestors(), w.entry().id())) {
                    record(w, hash, receipt.get().block(), "INVESTOR_REGISTERED");
                }
            }
            store.clearPending(hash);
            return;
        }
        if (registrar.isKnown(hash)) {
            // Still in the mempool: sending another now would race it. Retry the batch later.
            work.values().forEach(w -> retry.add(w.job().messageId()));
            work.clear();
            return;
        }
        LOG.warnf("transaction %s (nonce %d) was dropped or replaced; investors are looked up and sent again", hash,
                pending.get().nonce());
        store.clearPending(hash);
    }

    private void submit(List<Work> batch, Set<String> retry) {
        Registrar.Prepared prepared;
        try {
            prepared = registrar.prepareAddInvestors(batch.stream().map(Work::entry).toList());
        } catch (Registrar.Refused refused) {
            handleRefusal(batch, refused, retry);
            return;
        } catch (Registrar.Unreachable e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "registration transaction could not be prepared; batch retried");
            batch.forEach(w -> retry.add(w.job().messageId()));
            return;
        }
        store.savePending(new RegistrationStore.Pending(prepared.txHash(), prepared.nonce(),
                batch.stream().map(w -> w.kycCase().caseId()).toList(), clock.instant()));
        try {
            registrar.send(prepared);
        } catch (Registrar.Unreachable e) {
            throw e;
        } catch (RuntimeException e) {
            // The node may or may not have the transaction; the pending record lets the next run find out.
            LOG.warnf(e, "sending %s failed; the next run settles it", prepared.txHash());
            batch.forEach(w -> retry.add(w.job().messageId()));
            return;
        }
        var receipt = registrar.awaitReceipt(prepared.txHash(), config.receiptTimeout());
        if (receipt.isEmpty()) {
            LOG.warnf("no confirmed receipt for %s yet; the next run settles it", prepared.txHash());
            batch.forEach(w -> retry.add(w.job().messageId()));
            return;
        }
        if (!receipt.get().success()) {
            // The estimate passed, the transaction did not: the chain changed in between, or one
            // investor trips something the estimate could not see. Find which one.
            store.clearPending(prepared.txHash());
            if (batch.size() > 1) {
                LOG.warnf("registration transaction %s reverted; the batch of %d is split", prepared.txHash(), batch.size());
                split(batch, retry);
            } else {
                parkOrRetry(batch.get(0), "REGISTRATION_REVERTED", retry);
            }
            return;
        }
        for (Work w : batch) {
            if (containsId(receipt.get().newInvestors(), w.entry().id())) {
                record(w, prepared.txHash(), receipt.get().block(), "INVESTOR_REGISTERED");
            } else {
                LOG.warnf("receipt %s has no NewInvestor event for case %s: not registered", prepared.txHash(), w.kycCase().caseId());
                retry.add(w.job().messageId());
            }
        }
        store.clearPending(prepared.txHash());
    }

    private static boolean matches(Registrar.OnChain onChain, Registrar.Entry entry) {
        return onChain.rating() == entry.rating() && onChain.expires() == entry.expires()
                && Arrays.equals(onChain.region(), entry.region());
    }

    /**
     * The investor is already on the registrar (a renewal, or a new case of the same person): update
     * the record and bind new wallets, for the same ID — never a second NewInvestor.
     */
    private void update(Work w, Registrar.OnChain onChain, List<String> unbound, Set<String> retry) {
        var owner = store.applicantOf(w.idDigest());
        if (owner.isEmpty() || !owner.get().equals(w.kycCase().applicantId())) {
            // The ID is on chain but was not registered for this applicant: two people share an
            // identity encoding, or someone crafted one. Updating would bind this applicant's wallets
            // to another person's record; compliance decides instead.
            // The log names the ID's digest, not the ID: logs are kept long after the case is purged.
            LOG.errorf("SECURITY_EVENT investor ID (digest %s) of case %s exists on chain for %s", w.idDigest(), w.kycCase().caseId(),
                    owner.isEmpty() ? "no applicant of this pipeline" : "another applicant");
            park(w, "INVESTOR_ID_OF_ANOTHER_APPLICANT");
            return;
        }
        try {
            String lastTx = null;
            long lastBlock = 0;
            if (!matches(onChain, w.entry())) {
                var prepared = registrar.prepareUpdateInvestor(w.entry());
                var receipt = sendAndAwait(prepared, w);
                if (receipt.isEmpty() || !containsId(receipt.get().updatedInvestors(), w.entry().id())) {
                    retry.add(w.job().messageId());
                    return;
                }
                lastTx = prepared.txHash();
                lastBlock = receipt.get().block();
            }
            if (!unbound.isEmpty()) {
                var prepared = registrar.prepareRegisterAddresses(w.entry().id(), unbound);
                var receipt = sendAndAwait(prepared, w);
                if (receipt.isEmpty() || !receipt.get().success() || !registrar.unbound(w.entry().id(), unbound).isEmpty()) {
                    retry.add(w.job().messageId());
                    return;
                }
                lastTx = prepared.txHash();
                lastBlock = receipt.get().block();
            }
            record(w, lastTx, lastBlock, "INVESTOR_UPDATED");
        } catch (Registrar.Refused refused) {
            if (refused.permanent()) {
                park(w, refused.error());
            } else {
                retry.add(w.job().messageId());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "updating investor of case %s failed; retried", w.kycCase().caseId());
            retry.add(w.job().messageId());
        }
    }

    private Optional<Registrar.Receipt> sendAndAwait(Registrar.Prepared prepared, Work w) {
        store.savePending(new RegistrationStore.Pending(prepared.txHash(), prepared.nonce(), List.of(w.kycCase().caseId()),
                clock.instant()));
        registrar.send(prepared);
        var receipt = registrar.awaitReceipt(prepared.txHash(), config.receiptTimeout());
        if (receipt.isPresent()) {
            store.clearPending(prepared.txHash());
        }
        return receipt;
    }

    private void handleRefusal(List<Work> batch, Registrar.Refused refused, Set<String> retry) {
        if (!refused.permanent()) {
            if (!"Reverted".equals(refused.error())) {
                // A refusal of the moment (fees above the cap): nothing about any one case.
                LOG.warnf("registrar refused the batch for now (%s); retried", refused.getMessage());
                batch.forEach(w -> retry.add(w.job().messageId()));
            } else if (batch.size() > 1) {
                LOG.warnf("registrar reverted a batch of %d without naming a culprit (%s); split", batch.size(), refused.getMessage());
                split(batch, retry);
            } else {
                parkOrRetry(batch.get(0), "REGISTRATION_REVERTED", retry);
            }
            return;
        }
        Optional<Work> culprit = batch.stream().filter(w -> names(refused, w)).findFirst();
        if (culprit.isEmpty() && batch.size() == 1) {
            culprit = Optional.of(batch.get(0));
        }
        if (culprit.isPresent()) {
            Work parked = culprit.get();
            park(parked, refused.error());
            List<Work> others = batch.stream().filter(w -> w != parked).toList();
            if (!others.isEmpty()) {
                submit(others, retry);
            }
            return;
        }
        // A permanent refusal we cannot pin on one investor: halve until it stands alone.
        split(batch, retry);
    }

    private void split(List<Work> batch, Set<String> retry) {
        int half = batch.size() / 2;
        submit(List.copyOf(batch.subList(0, half)), retry);
        submit(List.copyOf(batch.subList(half, batch.size())), retry);
    }

    /** One case alone that reverts without a reason: retried a few times (the chain may have moved), then parked. */
    private void parkOrRetry(Work w, String reason, Set<String> retry) {
        if (w.job().attempt() >= config.parkAfterAttempts()) {
            LOG.errorf("SECURITY_EVENT registration of case %s still reverts after %d attempts", w.kycCase().caseId(), w.job().attempt());
            park(w, reason);
        } else {
            LOG.warnf("registration of case %s reverted (attempt %d); retried", w.kycCase().caseId(), w.job().attempt());
            retry.add(w.job().messageId());
        }
    }

    private static boolean names(Registrar.Refused refused, Work w) {
        String id = w.idHex().toLowerCase();
        return refused.arguments().stream().map(String::toLowerCase)
                .anyMatch(a -> a.equals(id) || w.entry().wallets().stream().anyMatch(addr -> addr.equalsIgnoreCase(a))
                        || a.equals(Integer.toString(w.entry().country())));
    }

    private void record(Work w, String txHash, long block, String action) {
        // Keyed digests, not the ID and the wallets: the audit record outlives the case's purge.
        String walletDigests = digests.wallets(w.entry().wallets());
        try {
            ChangingCase.retrying(() -> {
                KycCase current = caseFiles.find(w.kycCase().caseId()).orElseThrow();
                if (current.status() != CaseStatus.APPROVED) {
                    return;
                }
                Instant now = clock.instant();
                var transition = current.change(now, "system:chain-registrar", action, CaseStatus.REGISTERED,
                        Map.of("investorIdDigest", w.idDigest(), "txHash", txHash, "block", Long.toString(block),
                                "registrar", registrar.address(), "walletDigests", walletDigests));
                store.markRegistered(current, transition.after(), w.idHex(), w.idDigest(),
                        w.fingerprint(), txHash, block, transition.record());
                LOG.infof("case %s registered in %s", current.caseId(), txHash);
            });
        } catch (CaseFiles.ConcurrentChange e) {
            throw new IllegalStateException("could not record registration of case " + w.kycCase().caseId(), e);
        }
    }

    private void park(Work w, String reason) {
        park(w.kycCase().caseId(), reason);
    }

    private void park(String caseId, String reason) {
        KycCase current = caseFiles.find(caseId).orElseThrow();
        Instant now = clock.instant();
        var transition = current.change(now, "system:chain-registrar", "REGISTRATION_PARKED", current.status(), Map.of("reason", reason));
        var record = transition.record();
        store.park(current, transition.after(), reason, record);
        LOG.errorf("registration of case %s parked: %s", current.caseId(), reason);
    }

    private static boolean containsId(List<byte[]> ids, byte[] id) {
        return ids.stream().anyMatch(i -> Arrays.equals(i, id));
    }
}
