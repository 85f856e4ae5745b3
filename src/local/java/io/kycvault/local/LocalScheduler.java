package io.kycvault.local;

import io.kycvault.review.handler.RegistrationOutboxFunction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Plays EventBridge's schedules on a laptop for the functions that hand work on. */
@ApplicationScoped
public class LocalScheduler {

    private static final Logger LOG = Logger.getLogger(LocalScheduler.class);

    private final LocalConfig config;
    private final LocalGateway gateway;
    private ScheduledExecutorService executor;

    LocalScheduler(LocalConfig config, LocalGateway gateway) {
        this.config = config;
        this.gateway = gateway;
    }

    void start(@Observes @Priority(40) StartupEvent event) {
        if (!config.enabled() || !config.scheduler()) {
            return;
        }
        ClassLoader application = LocalScheduler.class.getClassLoader();
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "local-scheduler");
            thread.setDaemon(true);
            thread.setContextClassLoader(application);
            return thread;
        });
        long every = config.schedulerInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                gateway.invokeScheduled(RegistrationOutboxFunction.NAME);
            } catch (RuntimeException e) {
                LOG.warn("local schedule: registration outbox relay failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
