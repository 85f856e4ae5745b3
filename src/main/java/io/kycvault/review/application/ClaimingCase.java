package io.kycvault.review.application;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.identity.Caller;
import io.kycvault.review.model.Lease;
import io.kycvault.review.model.ReviewFile;
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

    public Lease claim(Caller reviewer, String caseId) {
        ReviewFile file = ReviewAccess.loadOpen(store, reviewer, caseId);
        Instant now = clock.instant();
        if (file.lease() != null && file.lease().heldByAnotherAt(reviewer.subject(), now)) {
            throw DomainException.conflict("CLAIMED_BY_OTHER", "another reviewer holds this case until " + file.lease().until());
        }
        boolean renewal = file.lease() != null && file.lease().reviewer().equals(reviewer.subject()) && file.lease().until().isAfter(now);
        // The cap counts live leases in the queue index; two claims racing each other may pass it by one.
        if (!renewal && store.casesHeldBy(reviewer.subject(), now) >= config.maxCasesPerReviewer()) {
            throw DomainException.conflict("CLAIM_LIMIT_REACHED", "you already hold " + config.maxCasesPerReviewer()
                    + " cases, the most one reviewer may hold; decide or release one first");
        }
        Lease lease = new Lease(reviewer.subject(), now.plus(config.leaseDuration()));
        var c = file.kycCase();
        var transition = c.change(now, reviewer.subject(), "CASE_CLAIMED", c.status(), Map.of("until", lease.until().toString()));
        var record = transition.record();
        try {
            store.changeLease(file, transition.after(), lease, record);
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
        }
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
            store.changeLease(file, transition.after(), null, record);
        } catch (CaseFiles.ConcurrentChange e) {
            throw DomainException.conflict("CONCURRENT_CHANGE", "the case changed meanwhile; try again");
        }
    }
}
