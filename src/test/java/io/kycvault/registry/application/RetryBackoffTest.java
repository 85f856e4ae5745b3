package io.kycvault.registry.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The production retry schedule of the chain function (README: 2 s doubling to 30 s), which bounds
 * how long registrations lag behind a node that answers again. The tests run the same schedule on a
 * shorter clock (application.properties, profile test).
 */
class RetryBackoffTest {

    private final RetryBackoff production = new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30));

    @Test
    void theWaitDoublesPerDeliveryFromTheFirstDelay() {
        assertThat(production.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(production.after(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(production.after(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(production.after(4)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void theWaitNeverExceedsTheCapHoweverOftenTheMessageCameBack() {
        assertThat(production.after(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(production.after(120)).isEqualTo(Duration.ofSeconds(30));
        assertThat(production.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFirstOrUnknownDeliveryWaitsTheFirstDelay() {
        assertThat(production.after(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(production.after(-1)).isEqualTo(Duration.ofSeconds(2));
    }
}
