package io.kycvault.casefile.application;

import io.kycvault.casefile.model.RetentionPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Period;

/**
 * The retention policy's settings ({@code kyc.retention.*}); the defaults are EU AML retention of 5 years
 * after the relationship ends (Directive (EU) 2015/849, art. 40), 90 days' grace after a rating expires, a
 * 30-day renewal window and 30 days for an unsubmitted draft.
 */
@ConfigMapping(prefix = "kyc.retention")
public interface RetentionConfig {

    @WithDefault("P5Y")
    Period period();

    @WithDefault("P90D")
    Period expiryGrace();

    @WithDefault("P30D")
    Duration expiringWindow();

    @WithDefault("P30D")
    Duration draftMaxAge();

    @ApplicationScoped
    class Wiring {
        @Produces
        @Singleton
        RetentionPolicy policy(RetentionConfig config) {
            return new RetentionPolicy(config.period(), config.expiryGrace(), config.expiringWindow(), config.draftMaxAge());
        }
    }
}
