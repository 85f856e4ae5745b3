package io.kycvault.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.DocumentStorage;
import io.kycvault.intake.application.IntakeConfig;
import io.kycvault.intake.application.OpeningCase;
import io.kycvault.intake.application.PresigningUpload;
import io.kycvault.intake.application.SubmittingCase;
import io.kycvault.intake.application.VerifyingUpload;
import io.kycvault.intake.application.ViewingOwnCase;
import io.kycvault.intake.handler.IntakeApiFunction;
import io.kycvault.intake.infrastructure.DynamoCaseStore;
import io.kycvault.intake.infrastructure.KmsEnvelopeCipher;
import io.kycvault.intake.infrastructure.KmsKeys;
import io.kycvault.intake.infrastructure.S3DocumentStorage;
import io.kycvault.local.LocalConfig;
import io.kycvault.local.LocalProvisioner;
import io.kycvault.shared.AwsCallCounter;
import io.kycvault.testing.LocalStack;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The application's intake wiring, built by hand (no CDI container) against the local emulators, with
 * the same SDK clients, HTTP client and call-counting interceptor the functions use.
 */
final class BenchStack implements AutoCloseable {

    static final String BUCKET = "kyc-vault-documents-123456789012-eu-central-1";

    final LocalStack emulator = new LocalStack();
    final S3Client s3;
    final DynamoDbClient dynamo;
    final KmsClient kms;
    final SqsClient sqs;
    final IntakeApiFunction api;
    final VerifyingUpload verifying;
    final io.kycvault.casefile.application.CaseFiles caseFiles;
    final CaseStore store;
    final DocumentStorage storage;
    final IntakeConfig config = new BenchIntakeConfig();
    private final Map<String, String> endpoints;

    /** The emulator endpoint a service is reached at ("s3" for LocalStack, "dynamodb" for DynamoDB Local). */
    String emulatorEndpoint(String service) {
        return endpoints.get("quarkus." + service + ".endpoint-override");
    }

    BenchStack() {
        endpoints = emulator.start();
        String endpoint = endpoints.get("quarkus.s3.endpoint-override");
        URI dynamoUri = URI.create(endpoints.get("quarkus.dynamodb.endpoint-override"));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "test"));
        var counting = ClientOverrideConfiguration.builder().addExecutionInterceptor(new AwsCallCounter()).build();
        URI uri = URI.create(endpoint);
        s3 = S3Client.builder().endpointOverride(uri).region(Region.EU_CENTRAL_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(counting)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        S3Presigner presigner = S3Presigner.builder().endpointOverride(uri).region(Region.EU_CENTRAL_1).credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        dynamo = DynamoDbClient.builder().endpointOverride(dynamoUri).region(Region.EU_CENTRAL_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(counting).build();
        kms = KmsClient.builder().endpointOverride(uri).region(Region.EU_CENTRAL_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(counting).build();
        sqs = SqsClient.builder().endpointOverride(uri).region(Region.EU_CENTRAL_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(counting).build();
        new LocalProvisioner(new BenchLocalConfig(), kms, sqs, dynamo, s3).provision();

        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Clock clock = Clock.systemUTC();
        KmsKeys keys = new KmsKeys(kms, config);
        caseFiles = new io.kycvault.casefile.infrastructure.DynamoCaseFiles(dynamo, () -> "kyc-vault-cases",
                new io.kycvault.casefile.application.CaseParts(List.of()));
        store = new DynamoCaseStore(dynamo, () -> "kyc-vault-cases");
        storage = new S3DocumentStorage(s3, presigner, config, keys);
        storage.documentsKeyArn();
        keys.personalDataKeyArn();
        api = wire(caseFiles, store, storage, new KmsEnvelopeCipher(kms, keys, json), clock);
        verifying = new VerifyingUpload(store, storage, config, clock);
    }

    IntakeApiFunction wire(io.kycvault.casefile.application.CaseFiles caseFiles, CaseStore cases, DocumentStorage documents,
            io.kycvault.intake.application.PersonalDataCipher cipher, Clock clock) {
        return new IntakeApiFunction(new OpeningCase(cases, cipher, clock),
                new ViewingOwnCase(caseFiles, cases, new io.kycvault.intake.application.DocumentReadiness(clock, config)),
                new PresigningUpload(caseFiles, cases, documents, config, clock), new SubmittingCase(caseFiles, cases, config, clock, false),
                io.kycvault.api.OriginVerification.off());
    }

    static APIGatewayV2HTTPEvent event(String routeKey, String subject, Map<String, String> pathParameters, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withPathParameters(pathParameters)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", subject)).build())
                                .build())
                        .build())
                .build();
    }

    static final String CASE_BODY = """
            {"givenNames":"Anna Maria","familyName":"Müller","dateOfBirth":"1985-04-12","nationality":"DE",
             "countryOfResidence":"DE","region":"DE-BE","address":{"line1":"Unter den Linden 1","postalCode":"10117",
             "city":"Berlin"},"taxId":"12345678901"}""";

    @Override
    public void close() {
        emulator.stop();
    }

    /** Same values as the local profile, but a quota large enough for a benchmark's thousands of presigns. */
    static final class BenchIntakeConfig implements IntakeConfig {
        public String bucket() { return BUCKET; }
        public String documentsKey() { return "alias/kyc-vault-documents"; }
        public String personalDataKey() { return "alias/kyc-vault-personal-data"; }
        public Duration presignTtl() { return Duration.ofMinutes(5); }
        public long maxBytes() { return 10 * 1024 * 1024 + 1024; }
        public int maxPresignsPerCase() { return Integer.MAX_VALUE; }
        public Set<String> allowedContentTypes() { return Set.of("application/pdf", "image/jpeg", "image/png"); }
        public List<String> requiredDocuments() {
            return List.of("identity=PASSPORT|ID_CARD_FRONT+ID_CARD_BACK", "proof-of-address=PROOF_OF_ADDRESS",
                    "proof-of-funds=PROOF_OF_FUNDS");
        }
        public int imageMaxSide() { return 12_000; }
        public long imageMaxPixels() { return 80_000_000L; }
        public Duration scanTimeout() { return Duration.ofMinutes(30); }
        public String uploadQueue() { return "kyc-vault-upload-events"; }
    }

    static final class BenchLocalConfig implements LocalConfig {
        public boolean enabled() { return false; }
        public boolean provision() { return true; }
        public String template() { return "template.yaml"; }
        public String stackName() { return "kyc-vault"; }
        public String accountId() { return "123456789012"; }
        public String region() { return "eu-central-1"; }
        public String emulator() { return ""; }
        public String dynamodb() { return ""; }
        public String ethereum() { return ""; }
        public java.util.Optional<String> signerKey() { return java.util.Optional.empty(); }
        public boolean scheduler() { return false; }
        public Duration schedulerInterval() { return Duration.ofSeconds(15); }
        public boolean chainBootstrap() { return false; }
        public String registrationQueue() { return "kyc-vault-registrations.fifo"; }
        public Gateway gateway() {
            // No gateway in the bench: port 0 leaves the documents bucket without a portal origin (no CORS).
            return new Gateway() {
                public String host() { return "127.0.0.1"; }
                public String web() { return "web/dist"; }
                public int port() { return 0; }
            };
        }
        public Issuer issuer() { return null; }
        public String uploadQueue() { return "kyc-vault-upload-events"; }
        public MalwareScanner malwareScanner() { return null; }
    }
}
