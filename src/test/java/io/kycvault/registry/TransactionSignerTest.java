package io.kycvault.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.local.LocalKeyDigestSigner;
import io.kycvault.registry.infrastructure.DigestTransactionSigner;
import io.kycvault.testing.Chain;
import io.kycvault.testing.LocalStack;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * The KMS signing path (digest signed → DER parsed → s normalised → recovery id → address) with a
 * local secp256k1 key answering exactly as KMS does (DER, s not normalised), because no emulator's
 * KMS signs a DIGEST correctly (see KmsSignerTest). 200 transactions, so high-s signatures occur;
 * the node must recover the signer's address from every one.
 */
class TransactionSignerTest {

    static Process anvil;
    static Chain chain;

    @BeforeAll
    static void start() throws Exception {
        int port = LocalStack.freePort();
        Path state = Files.createTempFile("anvil-signer", ".json");
        Files.delete(state);
        anvil = Chain.start(port, state);
        chain = new Chain("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        anvil.destroy();
    }

    @Test
    void nodeRecoversTheSignerFromEveryTransaction() throws Exception {
        BigInteger key = Keys.createEcKeyPair().getPrivateKey();
        DigestTransactionSigner signer = new DigestTransactionSigner(new LocalKeyDigestSigner(key));
        assertThat(signer.getAddress()).isEqualTo(Keys.toChecksumAddress(Keys.getAddress(org.web3j.crypto.ECKeyPair.create(key))));
        String funder = chain.accounts().get(0);
        chain.rpc("eth_sendTransaction", Map.of("from", funder, "to", signer.getAddress(),
                "value", Numeric.toHexStringWithPrefix(Convert.toWei("10", Convert.Unit.ETHER).toBigInteger())));

        chain.automine(false);
        List<String> hashes = new ArrayList<>();
        for (int nonce = 0; nonce < 200; nonce++) {
            RawTransaction tx = RawTransaction.createEtherTransaction(31337, BigInteger.valueOf(nonce), BigInteger.valueOf(21_000),
                    funder, BigInteger.ONE, BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(30_000_000_000L));
            String raw = Numeric.toHexString(signer.sign(tx, 31337));
            hashes.add(chain.rpc("eth_sendRawTransaction", raw).asText());
        }
        chain.automine(true);
        chain.mine();

        for (String hash : hashes) {
            var tx = chain.rpc("eth_getTransactionByHash", hash);
            assertThat(tx.get("from").asText()).isEqualToIgnoringCase(signer.getAddress());
            assertThat(chain.rpc("eth_getTransactionReceipt", hash).get("status").asText()).isEqualTo("0x1");
        }
        assertThat(signer.highSignaturesNormalised()).as("high-s signatures occurred and were normalised").isPositive();
    }
}
