package io.kycvault.testing;

import java.util.Map;

/**
 * LocalStack run some other way than as a host process: the {@code localstack-container} Maven
 * profile supplies one (LocalStack's Docker image through Testcontainers). Given the same settings
 * the host process gets, it answers the endpoint the application is pointed at.
 */
public interface AwsEmulator extends AutoCloseable {

    String start(Map<String, String> settings);

    @Override
    void close();
}
