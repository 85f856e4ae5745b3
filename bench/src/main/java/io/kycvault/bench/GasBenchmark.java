package io.kycvault.bench;

import io.kycvault.registry.contract.KYCRegistrar;
import io.kycvault.testing.Chain;
import io.kycvault.testing.LocalStack;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ClientTransactionManager;

/**
 * Gas of the registrar's operations on anvil (the same node the original's anchor figures were
 * measured on), as an authority with threshold 1 — the pipeline's situation.
 */
final class GasBenchmark {

    static final Map<String, Long> ANCHORS = Map.of(
            "addInvestor, 1 address", 117_246L,
            "addInvestor, 2 addresses", 140_519L,
            "updateInvestor", 50_813L,
            "deploy", 1_889_275L);

    record Figure(String operation, long gas, int investors) {
        long perInvestor() {
            return investors == 0 ? gas : gas / investors;
        }
    }

    static List<Figure> measure() throws Exception {
        int port = LocalStack.freePort();
        Path state = Files.createTempFile("anvil-gas", ".json");
        Files.delete(state);
        Process anvil = Chain.start(port, state);
        try {
            Chain chain = new Chain("http://127.0.0.1:" + port);
            List<String> accounts = chain.accounts();
            String owner = accounts.get(0);
            String authority = accounts.get(1);
            KYCRegistrar deployed = KYCRegistrar.deploy(chain.web3j(), new ClientTransactionManager(chain.web3j(), owner, 600, 50),
                    Chain.GAS, List.of(owner), BigInteger.ONE).send();
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("deploy", deployed.getTransactionReceipt().orElseThrow().getGasUsed().longValueExact(), 0));
            String address = deployed.getContractAddress();
            chain.as(address, owner).addAuthority(List.of(authority), List.of(BigInteger.valueOf(276)), BigInteger.ONE).send();
            KYCRegistrar as = chain.as(address, authority);
            BigInteger de = BigInteger.valueOf(276);
            BigInteger expires = BigInteger.valueOf(chain.blockTimestamp() + 365L * 86_400);
            byte[] region = {'B', 'E', 0};
            int[] counter = {0};
            TransactionReceipt one = as.addInvestor(id(counter), de, region, BigInteger.ONE, expires, List.of(wallet())).send();
            figures.add(new Figure("addInvestor, 1 address", one.getGasUsed().longValueExact(), 1));
            byte[] two = id(counter);
            TransactionReceipt twoAddresses = as.addInvestor(two, de, region, BigInteger.ONE, expires, List.of(wallet(), wallet())).send();
            figures.add(new Figure("addInvestor, 2 addresses", twoAddresses.getGasUsed().longValueExact(), 1));
            TransactionReceipt update = as.updateInvestor(two, region, BigInteger.TWO, expires.add(BigInteger.ONE)).send();
            figures.add(new Figure("updateInvestor", update.getGasUsed().longValueExact(), 1));
            for (int n : new int[] {1, 10, 50}) {
                List<byte[]> ids = new ArrayList<>();
                List<String> wallets = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ids.add(id(counter));
                    wallets.add(wallet());
                }
                TransactionReceipt batch = as.addInvestors(ids, nCopies(n, de), nCopies(n, region), nCopies(n, BigInteger.ONE),
                        nCopies(n, expires), wallets, nCopies(n, BigInteger.ONE)).send();
                figures.add(new Figure("addInvestors, batch of " + n + " (1 address each)", batch.getGasUsed().longValueExact(), n));
            }
            return figures;
        } finally {
            anvil.destroy();
        }
    }

    private static <T> List<T> nCopies(int n, T value) {
        return new ArrayList<>(java.util.Collections.nCopies(n, value));
    }

    private static byte[] id(int[] counter) {
        return Hash.sha3(("investor-" + counter[0]++).getBytes());
    }

    private static String wallet() throws Exception {
        return Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
    }

    static void report(Report report, List<Figure> figures) {
        report.section("Gas (KYCRegistrar on anvil 1.7.1)",
                "Measured by deploying and calling the project's registrar on a fresh anvil node as an authority with "
                        + "threshold 1. The original SFT KYCRegistrar (Solidity 0.4.25) figures are the anchors given in the "
                        + "brief, measured on anvil 1.7.1 under today's rules; the original was not rebuilt here.");
        report.row("operation", "gas (total)", "gas per investor", "original (anchor)", "ratio to original");
        report.rule(5);
        Map<String, Long> perInvestor = new LinkedHashMap<>();
        for (Figure f : figures) {
            Long anchor = ANCHORS.get(f.operation());
            perInvestor.put(f.operation(), f.perInvestor());
            report.row(f.operation(), String.format("%,d", f.gas()), f.investors() == 0 ? "—" : String.format("%,d", f.perInvestor()),
                    anchor == null ? (f.operation().startsWith("addInvestors") ? "117,246 per investor (addInvestor)" : "—")
                            : String.format("%,d", anchor),
                    String.format("%.2f", (double) f.perInvestor() / (anchor == null ? 117_246 : anchor)));
        }
        long batch50 = perInvestor.getOrDefault("addInvestors, batch of 50 (1 address each)", Long.MAX_VALUE);
        long single = perInvestor.getOrDefault("addInvestor, 1 address", Long.MAX_VALUE);
        report.line("");
        report.line("Goals: ≤ 60,000 gas per investor in a batch of 50: " + BenchMain.verdict(batch50 <= 60_000)
                + String.format(" (%,d); a single addInvestor below the original's 117,246: ", batch50)
                + BenchMain.verdict(single < 117_246) + String.format(" (%,d).", single));
    }
}
