package io.kycvault.casefile.application;

import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.KycCase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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
        boolean[] first = {true};
        return retrying(() -> {
            KycCase current = first[0] ? read : cases.find(read.caseId())
                    .orElseThrow(() -> new CaseFiles.ConcurrentChange("case " + read.caseId() + " is gone"));
            first[0] = false;
            Optional<CaseChange> change = decide.apply(current);
            change.ifPresent(cases::record);
            return change;
        });
    }

    /**
     * The bounded retry every optimistic writer of a case uses: runs {@code attempt} (read, decide,
     * conditional write) until it completes without throwing {@link CaseFiles.ConcurrentChange}, at most
     * {@link #ATTEMPTS} times, with a random pause after each lost race. An attempt that finds its write
     * refused (another writer changed what it read) throws ConcurrentChange to be run again on fresh reads.
     *
     * @throws CaseFiles.ConcurrentChange when every attempt lost its race
     */
    public static <T> T retrying(Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (CaseFiles.ConcurrentChange lost) {
                if (n >= ATTEMPTS) {
                    throw lost;
                }
                io.kycvault.shared.Contention.pause(n);
            }
        }
    }

    /** {@link #retrying(Supplier)} for an attempt that answers nothing. */
    public static void retrying(Runnable attempt) {
        retrying(() -> {
            attempt.run();
            return null;
        });
    }
}
