package io.kycvault.casefile.application;

import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.KycCase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one conditional update with bounded retry: decide a change on the case as read, write it; when
 * another writer got there first, re-read and decide again (the decision may now be "nothing to do").
 */
@ApplicationScoped
public class ChangingCase {

    /** Enough for the contention a case sees (a reviewer, the applicant, a job, a scan result at once). */
    public static final int ATTEMPTS = 8;

    private final CaseFiles cases;

    public ChangingCase(CaseFiles cases) {
        this.cases = cases;
    }

    /**
     * Applies {@code decide} to the case as read, then as re-read after each lost race, up to
     * {@link #ATTEMPTS} times; returns the change written, or empty when {@code decide} found nothing to do.
     *
     * @throws CaseFiles.ConcurrentChange when every attempt lost its race
     */
    public Optional<CaseChange> apply(KycCase read, Function<KycCase, Optional<CaseChange>> decide) {
        KycCase current = read;
        for (int attempt = 1; ; attempt++) {
            Optional<CaseChange> change = decide.apply(current);
            if (change.isEmpty()) {
                return change;
            }
            try {
                cases.record(change.get());
                return change;
            } catch (CaseFiles.ConcurrentChange lost) {
                if (attempt >= ATTEMPTS) {
                    throw lost;
                }
                io.kycvault.shared.Contention.pause(attempt);
                current = cases.find(read.caseId()).orElseThrow(() -> lost);
            }
        }
    }
}
