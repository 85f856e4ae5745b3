package io.kycvault.testing.container;

import io.kycvault.testing.AwsEmulator;
import java.util.Map;
import java.util.Set;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack's Docker image, pinned to the release the host process runs (4.14.0, the last that
 * starts without an auth token), through the Testcontainers LocalStack module. Compiled and used only
 * in the {@code localstack-container} Maven profile, where a Docker engine is needed.
 */
public final class LocalStackInDocker implements AwsEmulator {

    public static final String IMAGE = "localstack/localstack:4.14.0";
    /** Settings that only make sense for a host process (the container has its own listener and files). */
    private static final Set<String> HOST_ONLY = Set.of("GATEWAY_LISTEN", "LOCALSTACK_HOST", "DNS_ADDRESS", "FILESYSTEM_ROOT");

    private LocalStackContainer container;

    @Override
    public String start(Map<String, String> settings) {
        container = new LocalStackContainer(DockerImageName.parse(IMAGE));
        settings.forEach((name, value) -> {
            if (!HOST_ONLY.contains(name)) {
                container.withEnv(name, value);
            }
        });
        container.start();
        return container.getEndpoint().toString();
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
    }
}
