package io.kycvault.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.registry.infrastructure.DigestTransactionSigner;
import io.kycvault.registry.infrastructure.KmsDigestSigner;
import io.kycvault.testing.Chain;
import io.kycvault.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SignRequest;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * The production signer end to end, no local-key stand-in: an {@code ECC_SECG_P256K1} key created
 * in LocalStack's KMS, its public key (DER SubjectPublicKeyInfo from GetPublicKey) turned into an
 * Ethereum address, transactions signed by {@code Sign} with {@code MessageType=DIGEST} over their
 * keccak digest, sent to anvil, mined, and the sender the node recovers equal to the KMS key's
 * address. (moto hashes a DIGEST again, so against moto no signature recovers to the key.)
 */
@QuarkusTest
class KmsSignerTest {

    @Test
    void kmsSignedTransactionsAreAcceptedAndRecoverToTheKmsKeysAddress() throws Exception {
        List<SignRequest> requests = new ArrayList<>();
        KmsClient kms = KmsClient.builder()
                .endpointOverride(URI.create(LocalStack.awsEndpoint()))
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "test")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof SignRequest sign) {
                            requests.add(sign);
                        }
                    }
                }))
                .build();
        String keyId = kms.createKey(r -> r.keySpec(KeySpec.ECC_SECG_P256_K1).keyUsage(KeyUsageType.SIGN_VERIFY)).keyMetadata().keyId();
        DigestTransactionSigner signer = new DigestTransactionSigner(new KmsDigestSigner(kms, keyId));
        assertThat(signer.getAddress()).matches("0x[0-9a-fA-F]{40}");

        // One digest: KMS signed exactly the keccak digest, as a digest, and the signature recovers to the key.
        byte[] digest = Hash.sha3("a transaction".getBytes());
        Sign.SignatureData signature = signer.signatureFor(digest);
        assertThat(Numeric.prependHexPrefix(org.web3j.crypto.Keys.getAddress(Sign.signedMessageHashToKey(digest, signature))))
                .isEqualToIgnoringCase(signer.getAddress());
        SignRequest sent = requests.get(0);
        assertThat(sent.messageType()).isEqualTo(MessageType.DIGEST);
        assertThat(sent.signingAlgorithm()).isEqualTo(SigningAlgorithmSpec.ECDSA_SHA_256);
        assertThat(sent.message().asByteArray()).isEqualTo(digest);
        assertThat(sent.keyId()).isEqualTo(keyId);

        // Transactions: funded, signed through KMS, accepted by the node, sender recovered = the KMS key's address.
        Chain chain = new Chain(LocalStack.ethereumEndpoint());
        List<String> accounts = chain.accounts();
        String funder = accounts.get(accounts.size() - 1);
        String funding = chain.rpc("eth_sendTransaction", Map.of("from", funder, "to", signer.getAddress(),
                "value", Numeric.toHexStringWithPrefix(Convert.toWei("1", Convert.Unit.ETHER).toBigInteger()))).asText();
        assertThat(receipt(chain, funding).get("status").asText()).isEqualTo("0x1");
        for (int nonce = 0; nonce < 24; nonce++) {
            RawTransaction tx = RawTransaction.createEtherTransaction(31337, BigInteger.valueOf(nonce), BigInteger.valueOf(21_000),
                    funder, BigInteger.ONE, BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(30_000_000_000L));
            String hash = chain.rpc("eth_sendRawTransaction", Numeric.toHexString(signer.sign(tx, 31337))).asText();
            assertThat(receipt(chain, hash).get("status").asText()).as("accepted and mined").isEqualTo("0x1");
            assertThat(chain.rpc("eth_getTransactionByHash", hash).get("from").asText()).isEqualToIgnoringCase(signer.getAddress());
        }
        assertThat(requests).hasSize(25).allSatisfy(r -> assertThat(r.messageType()).isEqualTo(MessageType.DIGEST));
        assertThat(signer.highSignaturesNormalised()).as("KMS returned high-s signatures, normalised before sending").isPositive();
    }

    /** The receipt once mined (the shared node may have automining off for another test's scenario: mine then). */
    private static com.fasterxml.jackson.databind.JsonNode receipt(Chain chain, String hash) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var receipt = chain.rpc("eth_getTransactionReceipt", hash);
            if (receipt != null && !receipt.isNull() && receipt.has("status")) {
                return receipt;
            }
            if (i == 10) {
                chain.mine();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("transaction " + hash + " was not mined");
    }
}
