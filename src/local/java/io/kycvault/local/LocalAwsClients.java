package io.kycvault.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Clients of the emulator for the parts of the laptop stack that play AWS itself (GuardDuty's
 * scanner, EventBridge's delivery to a function): their own clients, without the application's
 * call-counting interceptor, so what AWS does is not counted as the application's calls.
 */
final class LocalAwsClients {

    private LocalAwsClients() {
    }

    static EventBridgeClient events(String endpoint, String region) {
        return EventBridgeClient.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static S3Client s3(String endpoint, String region) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region)).forcePathStyle(true)
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** LocalStack takes a 12-digit access key id as the account: the template's account. */
    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "test"));
    }
}
