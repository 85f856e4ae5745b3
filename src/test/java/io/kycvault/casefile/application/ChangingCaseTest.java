package io.kycvault.casefile.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kycvault.shared.DomainException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one bounded retry of optimistic case writes. */
class ChangingCaseTest {

    @Test
    void anAttemptThatLostItsRaceRunsAgainUntilItsWriteGoesThrough() {
        AtomicInteger attempts = new AtomicInteger();
        String written = ChangingCase.retrying(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new CaseFiles.ConcurrentChange("another writer was first");
            }
            return "written on attempt " + attempts.get();
        });
        assertThat(written).isEqualTo("written on attempt 3");
    }

    @Test
    void afterTheLastLostRaceTheConflictReachesTheCaller() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> ChangingCase.retrying(() -> {
            attempts.incrementAndGet();
            throw new CaseFiles.ConcurrentChange("always someone else");
        })).isInstanceOf(CaseFiles.ConcurrentChange.class);
        assertThat(attempts).hasValue(ChangingCase.ATTEMPTS);
    }

    @Test
    void aRefusalIsNotARaceAndIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> ChangingCase.retrying(() -> {
            attempts.incrementAndGet();
            throw DomainException.conflict("CASE_NOT_OPEN", "the case is closed");
        })).isInstanceOf(DomainException.class);
        assertThat(attempts).hasValue(1);
    }
}
