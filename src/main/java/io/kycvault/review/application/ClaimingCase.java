package io.kycvault.review.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.ChangingCase;
import io.kycvault.identity.Caller;
import io.kycvault.review.model.Lease;
import io.kycvault.review.model.ReviewFile;
import io.kycvault.review.model.ReviewerClaims;
import io.kycvault.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** A lease on a case, so two reviewers do not work on it by accident. Renewable by its holder. */
@ApplicationScoped
public class ClaimingCase {

    private final ReviewStore store;
    private final ReviewConfig config;
    private final Clock clock;

    public ClaimingCase(ReviewStore store, ReviewConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Claims (or renews) the case for the reviewer. The cap counts the reviewer's live leases, read
     * consistently; a claim racing another claim of the same reviewer is written only if the other was
     * not, and is otherwise decided again on a fresh reading (so the cap holds under concurrency).
     */
    public Lease claim(Caller reviewer, String caseId) {
        try {
            return ChangingCase.retrying(() -> tryClaim(reviewer, caseId));
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
        }
    }

    private Lease tryClaim(Caller reviewer, String caseId) {
        ReviewFile file = ReviewAccess.loadOpen(store, reviewer, caseId);
        Instant now = clock.instant();
        if (file.lease() != null && file.lease().heldByAnotherAt(reviewer.subject(), now)) {
            throw DomainException.conflict("CLAIMED_BY_OTHER", "another reviewer holds this case until " + file.lease().until());
        }
        ReviewerClaims claims = store.claimsOf(reviewer.subject());
        boolean renewal = file.lease() != null && file.lease().reviewer().equals(reviewer.subject()) && file.lease().until().isAfter(now);
        if (!renewal && claims.heldBesides(caseId, now) >= config.maxCasesPerReviewer()) {
            throw DomainException.conflict("CLAIM_LIMIT_REACHED", "you already hold " + config.maxCasesPerReviewer()
                    + " cases, the most one reviewer may hold; decide or release one first");
        }
        Lease lease = new Lease(reviewer.subject(), now.plus(config.leaseDuration()));
        var c = file.kycCase();
        var transition = c.change(now, reviewer.subject(), "CASE_CLAIMED", c.status(), Map.of("until", lease.until().toString()));
        store.claim(file, transition.after(), lease, claims, transition.record());
        return lease;
    }

    public void release(Caller reviewer, String caseId) {
        ReviewFile file = ReviewAccess.load(store, reviewer, caseId);
        if (file.lease() == null || !file.lease().reviewer().equals(reviewer.subject())) {
            return;
        }
        Instant now = clock.instant();
        var c = file.kycCase();
        var transition = c.change(now, reviewer.subject(), "CASE_RELEASED", c.status(), Map.of());
        var record = transition.record();
        try {
            store.release(file, transition.after(), record);
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
        }
    }
}
