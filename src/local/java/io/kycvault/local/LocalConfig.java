package io.kycvault.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The laptop stack: only active in the {@code local} and {@code test} profiles. */
@ConfigMapping(prefix = "kyc.local")
public interface LocalConfig {

    /** Serve the HTTP API through the local gateway and poll the upload queue. */
    @WithDefault("false")
    boolean enabled();

    /** Create the template's resources in the emulator at start-up. */
    @WithDefault("false")
    boolean provision();

    @WithDefault("template.yaml")
    String template();

    @WithDefault("kyc-vault")
    String stackName();

    @WithDefault("123456789012")
    String accountId();

    @WithDefault("eu-central-1")
    String region();

    /** Run the scheduled functions that hand work on (the registration outbox relay) every interval. */
    @WithDefault("true")
    boolean scheduler();

    @WithDefault("PT15S")
    java.time.Duration schedulerInterval();

    /** Deploy the registrar on the local node at start-up when none is configured. */
    @WithDefault("false")
    boolean chainBootstrap();

    /**
     * Hex secp256k1 private key of the pipeline's signer on the local node (in AWS the key lives in
     * KMS); see {@link LocalSigning}.
     */
    java.util.Optional<String> signerKey();

    /** Name of the FIFO queue carrying registration requests to the chain function. */
    @WithDefault("kyc-vault-registrations.fifo")
    String registrationQueue();

    Gateway gateway();

    Issuer issuer();

    /** Endpoint of the AWS emulator the SDK clients are pointed at (local profile). */
    @WithDefault("http://127.0.0.1:4566")
    String emulator();

    /** JSON-RPC endpoint of the local Ethereum node (local profile). */
    @WithDefault("http://127.0.0.1:8545")
    String ethereum();

    /** Endpoint of DynamoDB Local (local profile). */
    @WithDefault("http://127.0.0.1:8000")
    String dynamodb();

    /** Name of the SQS queue carrying S3 upload notifications. */
    String uploadQueue();

    /** The laptop's stand-in for GuardDuty Malware Protection for S3: ClamAV with a database built here. */
    MalwareScanner malwareScanner();

    interface MalwareScanner {
        /** Scan new objects of the protected bucket as the template's malware protection plan says. */
        @WithDefault("true")
        boolean enabled();

        /** Where the signature database is built (EICAR and ClamAV's packaged test files, by sigtool). */
        @WithDefault(".local/clamav")
        String database();

        /** ClamAV's test files (Debian package clamav-testfiles); each one's MD5 becomes a signature. */
        @WithDefault("/usr/share/clamav-testfiles")
        String testFiles();

        @WithDefault("clamscan")
        String clamscan();

        @WithDefault("sigtool")
        String sigtool();
    }

    interface Gateway {
        @WithDefault("127.0.0.1")
        String host();

        /**
         * The built web front end (web/dist, made by {@code npm run build} in web/), served on the API's
         * origin at {@code /} and {@code /assets/}; nothing is served when the folder does not exist.
         */
        @WithDefault("web/dist")
        String web();

        /** 0 picks a free port. */
        @WithDefault("8080")
        int port();
    }

    interface Issuer {
        /** Where the local issuer keeps its signing key between runs. */
        @WithDefault(".local/issuer")
        String directory();

        @WithDefault("http://localhost/kyc-vault-local-issuer")
        String issuer();

        @WithDefault("kyc-vault-local")
        String audience();
    }
}
