package io.kycvault.registry.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "kyc.registry")
public interface RegistryConfig {

    /** When on, submitting a case needs at least one proven wallet. */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("31337")
    long chainId();

    /** JSON-RPC endpoint of the Ethereum node. */
    @WithDefault("http://127.0.0.1:8545")
    String rpcUrl();

    /** Address of the deployed KYCRegistrar. */
    Optional<String> registrarAddress();

    /** {@code keyed} (HMAC in KMS, default) or {@code sft} (keccak of the SFT data-standard string). */
    @WithDefault("keyed")
    String idScheme();

    /** KMS HMAC_256 key (ARN or alias) for keyed investor IDs. */
    String investorIdKey();

    /**
     * The ECC_SECG_P256K1 KMS key (ARN or alias) that signs the pipeline's transactions. (The laptop
     * stack and the tests replace the signer with a local key: see {@code io.kycvault.local.LocalSigning}.)
     */
    Optional<String> signerKey();

    /** Blocks on top of the receipt's block before a registration counts as done (1 = the receipt's block). */
    @WithDefault("1")
    int confirmations();

    @WithDefault("PT60S")
    Duration receiptTimeout();

    @WithDefault("PT0.25S")
    Duration pollInterval();

    /** Cap on the fee per gas the pipeline pays, in wei (default 200 gwei). */
    @WithDefault("200000000000")
    long maxFeePerGasWei();

    @WithDefault("1500000000")
    long maxPriorityFeePerGasWei();

    @WithDefault("PT10M")
    Duration challengeTtl();

    /** Who asks for the wallet proof (EIP-4361 domain and URI): the API's public address. */
    @WithDefault("localhost")
    String proofDomain();

    @WithDefault("http://localhost")
    String proofUri();

    /** Wallets one case may bind on chain: bindings are permanent, and a batch carries every one of them. */
    @WithDefault("10")
    int maxWalletsPerCase();

    /**
     * The registrations queue (its URL in AWS; a queue name on the laptop, looked up once): a message
     * to retry is made visible again after {@link #retryBackoff}, not after the queue's timeout.
     */
    String queue();

    /** First retry delay; doubled per receive of the same message up to {@link #retryBackoffCap}. */
    @WithDefault("PT2S")
    Duration retryBackoff();

    /** Longest retry delay: once the node answers again, registrations resume within this plus one run. */
    @WithDefault("PT30S")
    Duration retryBackoffCap();

    /**
     * Receives after which a case that still cannot be prepared (its data cannot be read or
     * minted), or a transaction of that case alone that still reverts, is parked for compliance
     * instead of holding up the FIFO queue until the dead-letter queue takes it.
     */
    @WithDefault("5")
    int parkAfterAttempts();

    /** Countries (ISO 3166-1 alpha-2) the pipeline's authority registers. */
    @WithDefault("AT,BE,BG,HR,CY,CZ,DK,EE,FI,FR,DE,GR,HU,IE,IT,LV,LT,LU,MT,NL,PL,PT,RO,SK,SI,ES,SE,IS,LI,NO,CH")
    List<String> countries();
}
