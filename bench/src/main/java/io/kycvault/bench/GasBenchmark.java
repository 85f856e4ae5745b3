package io.kycvault.bench;

import io.kycvault.registry.application.Registrar;
import io.kycvault.registry.contract.KYCRegistrar;
import io.kycvault.registry.infrastructure.InvestorBatch;
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
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.utils.Numeric;

/**
 * Gas of the registrar's operations on anvil (the same node the original's anchor figures were
 * measured on), as an authority with threshold 1 — the pipeline's situation. Batches are sent in
 * the packed layout the chain function uses ({@link InvestorBatch}) and broken down per investor.
 */
final class GasBenchmark {

    static final Map<String, Long> ANCHORS = Map.of(
            "addInvestor, 1 address", 117_246L,
            "addInvestor, 2 addresses", 140_519L,
            "updateInvestor", 50_813L,
            "deploy", 1_889_275L);

    /** Issue 12's limits: per investor in a batch of 50, a single addInvestor, deploy. */
    static final long BATCH_LIMIT = 52_000;
    static final long SINGLE_LIMIT = 86_894;
    static final long DEPLOY_LIMIT = 2_169_650;

    /** EVM prices (Prague) the breakdowns are computed with. */
    static final long TRANSACTION = 21_000;
    static final long CREATE = 32_000;
    /** SSTORE from zero to non-zero (20,000) on a slot not touched before in the transaction (2,100, EIP-2929). */
    static final long FRESH_SLOT = 22_100;
    static final long LOG = 375;
    static final long LOG_TOPIC = 375;
    static final long LOG_DATA_BYTE = 8;
    static final long CALLDATA_ZERO_BYTE = 4;
    static final long CALLDATA_NONZERO_BYTE = 16;
    static final long CODE_DEPOSIT_BYTE = 200;
    /** EIP-3860: per 32-byte word of init code. */
    static final long INITCODE_WORD = 2;

    /**
     * Where one transaction's gas went, in gas: storage from the slots it wrote fresh (one investor
     * record and one wallet binding per investor here), events from the receipt's logs, calldata from
     * the transaction's input; the rest is the measured total minus those and the transaction base.
     */
    record Breakdown(int investors, int freshSlots, long total, long calldata, int inputBytes, long events) {
        long storage() {
            return freshSlots * FRESH_SLOT;
        }

    }

    /** Deploy: transaction and CREATE, init code as calldata and its words, code deposit, constructor. */
    record Deploy(long total, int initBytes, long initCalldata, int runtimeBytes) {
        long initWords() {
            return INITCODE_WORD * ((initBytes + 31) / 32);
        }

        long deposit() {
            return CODE_DEPOSIT_BYTE * runtimeBytes;
        }

        long constructor() {
            return total - TRANSACTION - CREATE - initCalldata - initWords() - deposit();
        }
    }

    record Figure(String operation, long gas, int investors, Breakdown breakdown, Deploy deploy) {
        Figure(String operation, long gas, int investors) {
            this(operation, gas, investors, null, null);
        }

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
            TransactionReceipt deployReceipt = deployed.getTransactionReceipt().orElseThrow();
            String address = deployed.getContractAddress();
            byte[] initCode = input(chain, deployReceipt);
            int runtimeBytes = Numeric.hexStringToByteArray(chain.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST)
                    .send().getCode()).length;
            long deployGas = deployReceipt.getGasUsed().longValueExact();
            List<Figure> figures = new ArrayList<>();
            figures.add(new Figure("deploy", deployGas, 0, null,
                    new Deploy(deployGas, initCode.length, calldataGas(initCode), runtimeBytes)));
            chain.as(address, owner).addAuthority(List.of(authority), List.of(BigInteger.valueOf(276)), BigInteger.ONE).send();
            KYCRegistrar as = chain.as(address, authority);
            BigInteger de = BigInteger.valueOf(276);
            long expiresAt = chain.blockTimestamp() + 365L * 86_400;
            BigInteger expires = BigInteger.valueOf(expiresAt);
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
                List<Registrar.Entry> entries = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    entries.add(new Registrar.Entry(id(counter), 276, region, 1, expiresAt, List.of(wallet())));
                }
                InvestorBatch batch = InvestorBatch.of(entries);
                TransactionReceipt receipt = as.addInvestors(batch.ids(), batch.words(), batch.moreWallets()).send();
                if (KYCRegistrar.getNewInvestorEvents(receipt).size() != n) {
                    throw new IllegalStateException("batch of " + n + " registered " + KYCRegistrar.getNewInvestorEvents(receipt).size());
                }
                byte[] input = input(chain, receipt);
                long gas = receipt.getGasUsed().longValueExact();
                figures.add(new Figure("addInvestors, batch of " + n + " (1 address each)", gas, n,
                        new Breakdown(n, 2 * n, gas, calldataGas(input), input.length, logGas(receipt.getLogs())), null));
            }
            return figures;
        } finally {
            anvil.destroy();
        }
    }

    private static byte[] input(Chain chain, TransactionReceipt receipt) throws Exception {
        return Numeric.hexStringToByteArray(chain.web3j().ethGetTransactionByHash(receipt.getTransactionHash()).send()
                .getTransaction().orElseThrow().getInput());
    }

    static long calldataGas(byte[] input) {
        long gas = 0;
        for (byte b : input) {
            gas += b == 0 ? CALLDATA_ZERO_BYTE : CALLDATA_NONZERO_BYTE;
        }
        return gas;
    }

    static long logGas(List<Log> logs) {
        long gas = 0;
        for (Log log : logs) {
            gas += LOG + LOG_TOPIC * log.getTopics().size() + LOG_DATA_BYTE * Numeric.hexStringToByteArray(log.getData()).length;
        }
        return gas;
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
                        + "threshold 1. Batches use `addInvestors`' packed layout (per investor its ID and one word: wallet count, "
                        + "expiry, rating, country, region, first wallet), built by the chain function's own `InvestorBatch`. "
                        + "The original SFT KYCRegistrar (Solidity 0.4.25) figures are the anchors given in the "
                        + "brief, measured on anvil 1.7.1 under today's rules; the original was not rebuilt here.");
        report.row("operation", "gas (total)", "gas per investor", "original (anchor)", "ratio to original");
        report.rule(5);
        Map<String, Figure> byOperation = new LinkedHashMap<>();
        for (Figure f : figures) {
            Long anchor = ANCHORS.get(f.operation());
            byOperation.put(f.operation(), f);
            report.row(f.operation(), String.format("%,d", f.gas()), f.investors() == 0 ? "—" : String.format("%,d", f.perInvestor()),
                    anchor == null ? (f.operation().startsWith("addInvestors") ? "117,246 per investor (addInvestor)" : "—")
                            : String.format("%,d", anchor),
                    String.format("%.2f", (double) f.perInvestor() / (anchor == null ? 117_246 : anchor)));
        }
        List<Figure> batches = figures.stream().filter(f -> f.breakdown() != null).toList();
        if (!batches.isEmpty()) {
            breakdown(report, batches);
        }
        Figure deploy = byOperation.get("deploy");
        if (deploy != null && deploy.deploy() != null) {
            Deploy d = deploy.deploy();
            report.line("");
            report.line(String.format("Deploy (one owner), in gas: %,d = %,d transaction + %,d CREATE + %,d init code as calldata "
                    + "with the constructor's arguments (%,d bytes) + %,d init code words (EIP-3860) + %,d code deposit (%,d runtime bytes × %d) + %,d constructor "
                    + "execution (the owner's authority record, address and marker, the owner ID reserved).", d.total(), TRANSACTION,
                    CREATE, d.initCalldata(), d.initBytes(), d.initWords(), d.deposit(), d.runtimeBytes(), CODE_DEPOSIT_BYTE,
                    d.constructor()));
        }
        long batch50 = perInvestor(byOperation, "addInvestors, batch of 50 (1 address each)");
        long single = perInvestor(byOperation, "addInvestor, 1 address");
        long deployGas = deploy == null ? Long.MAX_VALUE : deploy.gas();
        report.line("");
        report.line("Goals (issue 12): ≤ " + String.format("%,d", BATCH_LIMIT) + " gas per investor in a batch of 50: "
                + BenchMain.verdict(batch50 <= BATCH_LIMIT) + String.format(" (%,d); a single addInvestor not above %,d: ", batch50,
                        SINGLE_LIMIT)
                + BenchMain.verdict(single <= SINGLE_LIMIT) + String.format(" (%,d); deploy not above %,d: ", single, DEPLOY_LIMIT)
                + BenchMain.verdict(deployGas <= DEPLOY_LIMIT) + String.format(" (%,d).", deployGas));
    }

    private static long perInvestor(Map<String, Figure> byOperation, String operation) {
        Figure f = byOperation.get(operation);
        return f == null ? Long.MAX_VALUE : f.perInvestor();
    }

    /** Per investor, for each batch size: storage, events, calldata, the transaction base, the rest. */
    private static void breakdown(Report report, List<Figure> batches) {
        report.line("");
        report.line("Where a batch's gas goes, in gas per investor (each row's total divided by the batch size):");
        report.line("");
        List<String> header = new ArrayList<>(List.of("component", "how it is computed"));
        batches.forEach(f -> header.add("batch of " + f.investors()));
        report.row(header.toArray(String[]::new));
        report.rule(header.size());
        String[] how = {
            String.format("fresh slots written × %,d (SSTORE zero to non-zero 20,000 + cold slot 2,100): the investor record and "
                    + "one wallet binding per investor", FRESH_SLOT),
            String.format("the receipt's logs: %d + %d per topic + %d per data byte each (NewInvestor: 4 topics, 96 bytes; "
                    + "RegisteredAddresses: 4 topics)", LOG, LOG_TOPIC, LOG_DATA_BYTE),
            String.format("the transaction's input, %d per non-zero and %d per zero byte (%s bytes)", CALLDATA_NONZERO_BYTE,
                    CALLDATA_ZERO_BYTE, String.join(" / ", batches.stream().map(f -> String.format("%,d", f.breakdown().inputBytes()))
                            .toList())),
            String.format("%,d per transaction", TRANSACTION),
            "measured total minus the rows above: decoding, checks, hashing mapping keys, jumps; once per transaction the "
                    + "caller's authority (three cold reads) and its country permission (one)",
            "gas used"};
        String[] components = {"storage", "events", "calldata", "transaction base", "the rest", "**total (measured)**"};
        for (int c = 0; c < components.length; c++) {
            List<String> cells = new ArrayList<>(List.of(components[c], how[c]));
            for (Figure f : batches) {
                long v = perInvestor(f.breakdown())[c];
                cells.add(c == components.length - 1 ? String.format("**%,d**", v) : String.format("%,d", v));
            }
            report.row(cells.toArray(String[]::new));
        }
        Figure first = batches.get(0);
        Figure last = batches.get(batches.size() - 1);
        if (last.investors() > first.investors()) {
            report.line("");
            report.line(String.format("Each further investor costs %,d gas (batch of %d to %d); the floor of storage, events and "
                    + "calldata alone is %,d per investor in the batch of %d.",
                    (last.gas() - first.gas()) / (last.investors() - first.investors()), first.investors(), last.investors(),
                    (last.breakdown().storage() + last.breakdown().events() + last.breakdown().calldata()) / last.investors(),
                    last.investors()));
        }
    }

    /** Storage, events, calldata, transaction base, the rest, total — per investor; the rest so that the column adds up. */
    static long[] perInvestor(Breakdown b) {
        int n = b.investors();
        long storage = b.storage() / n;
        long events = b.events() / n;
        long calldata = b.calldata() / n;
        long base = TRANSACTION / n;
        long total = b.total() / n;
        return new long[] {storage, events, calldata, base, total - storage - events - calldata - base, total};
    }
}
