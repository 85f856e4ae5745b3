package io.kycvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.registry.contract.IdentityRegistryAdapter;
import io.kycvault.registry.contract.KYCRegistrar;
import io.kycvault.testing.Chain;
import io.kycvault.testing.Evm;
import io.kycvault.testing.LocalStack;
import io.kycvault.testing.TrexSuite;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.utils.Numeric;

/**
 * Gas of an ERC-3643 (T-REX 4.1.6) token whose identity registry is KYC Vault's IdentityRegistryAdapter, against
 * the same token on T-REX's own identity registry (ONCHAINID, one required claim topic, one trusted claim
 * issuer), all in one anvil run: a transfer and the identity check inside it, and onboarding one investor.
 */
final class TrexGasBenchmark {

    private static final int DE = 276;
    /** isVerified's selector: its call frame inside a transfer is the identity check. */
    private static final String IS_VERIFIED = selector("isVerified(address)");
    private static final String IS_PERMITTED = selector("isPermitted(address)");

    record Figures(long adapterDeploy, long pointToken,
                   long vaultTransfer, long vaultCheck, long registrarCheck,
                   long trexTransfer, long trexCheck,
                   long addInvestor, long addInvestorsPerInvestor,
                   long createIdentity, long addClaim, long registerIdentity, long batchRegisterPerWallet) {

        long trexOnboarding() {
            return createIdentity + addClaim + registerIdentity;
        }

        long trexOnboardingBatched() {
            return createIdentity + addClaim + batchRegisterPerWallet;
        }
    }

    static Figures measure() throws Exception {
        int port = LocalStack.freePort();
        Path state = Files.createTempFile("anvil-trex-gas", ".json");
        Files.delete(state);
        Process anvil = Chain.start(port, state);
        try {
            Chain chain = new Chain("http://127.0.0.1:" + port);
            Evm evm = new Evm(chain);
            List<String> accounts = chain.accounts();
            String owner = accounts.get(0);
            String authority = accounts.get(1);
            KYCRegistrar deployed = KYCRegistrar.deploy(chain.web3j(), new ClientTransactionManager(chain.web3j(), owner, 600, 50), Chain.GAS,
                    List.of(owner), BigInteger.ONE).send();
            String registrar = deployed.getContractAddress();
            chain.as(registrar, owner).addAuthority(List.of(authority), List.of(BigInteger.valueOf(DE)), BigInteger.ONE).send();
            IdentityRegistryAdapter adapter = IdentityRegistryAdapter.deploy(chain.web3j(),
                    new ClientTransactionManager(chain.web3j(), owner, 600, 50), Chain.GAS, registrar).send();
            long adapterDeploy = adapter.getTransactionReceipt().orElseThrow().getGasUsed().longValueExact();

            TrexSuite trex = TrexSuite.deploy(evm, accounts.get(2), accounts.get(3));
            TrexSuite.Token trexToken = trex.token("TREX", trex.identityRegistry);
            TrexSuite.Token vaultToken = trex.token("KYCV", trex.identityRegistry);
            long pointToken = Evm.gasUsed(evm.send(trex.deployer, vaultToken.address(), "setIdentityRegistry",
                    new Address(adapter.getContractAddress())));

            // Onboarding one investor: KYC Vault's addInvestor (one wallet) against T-REX's three steps.
            KYCRegistrar asAuthority = chain.as(registrar, authority);
            BigInteger expires = BigInteger.valueOf(chain.blockTimestamp() + 365L * 86_400);
            byte[] region = {'B', 'E', 0};
            String vaultAlice = evm.newAccount();
            String vaultBob = evm.newAccount();
            TransactionReceipt added = asAuthority.addInvestor(id("alice"), BigInteger.valueOf(DE), region, BigInteger.ONE, expires,
                    List.of(vaultAlice)).send();
            asAuthority.addInvestor(id("bob"), BigInteger.valueOf(DE), region, BigInteger.ONE, expires, List.of(vaultBob)).send();
            List<byte[]> ids = new ArrayList<>();
            List<String> wallets = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(id("batch-" + i));
                wallets.add(evm.newAccount());
            }
            List<io.kycvault.registry.application.Registrar.Entry> entries = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                entries.add(new io.kycvault.registry.application.Registrar.Entry(ids.get(i), DE, region, 1, expires.longValueExact(),
                        List.of(wallets.get(i))));
            }
            var packed = io.kycvault.registry.infrastructure.InvestorBatch.of(entries);
            TransactionReceipt batch = asAuthority.addInvestors(packed.ids(), packed.words(), packed.moreWallets()).send();

            String trexAlice = evm.newAccount();
            String trexBob = evm.newAccount();
            TrexSuite.Onboarding alice = trex.onboard(trexAlice, DE);
            trex.onboard(trexBob, DE);
            // T-REX's batch registration: ten investors' ONCHAINIDs and claims, then one batchRegisterIdentity.
            List<Address> batchWallets = new ArrayList<>();
            List<Address> batchIdentities = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String wallet = evm.newAccount();
                trex.createIdentity(wallet);
                String identity = trex.identityOf(wallet);
                trex.addClaim(wallet, identity);
                batchWallets.add(new Address(wallet));
                batchIdentities.add(new Address(identity));
            }
            JsonNode batchRegistered = evm.send(trex.agent, trex.identityRegistry, "batchRegisterIdentity",
                    new DynamicArray<>(Address.class, batchWallets), new DynamicArray<>(Address.class, batchIdentities),
                    new DynamicArray<>(Uint16.class, java.util.Collections.nCopies(10, new Uint16(DE))));

            // The same transfer on both tokens: both parties already hold tokens, so storage writes match.
            for (String[] pair : new String[][] {{vaultAlice, vaultBob}, {trexAlice, trexBob}}) {
                TrexSuite.Token token = pair[0].equals(vaultAlice) ? vaultToken : trexToken;
                require(trex.mint(token, pair[0], 1_000), "mint");
                require(trex.mint(token, pair[1], 1_000), "mint");
                require(trex.transfer(token, pair[0], pair[1], 1), "warm-up transfer");
            }
            JsonNode vaultTransfer = require(trex.transfer(vaultToken, vaultAlice, vaultBob, 10), "transfer");
            JsonNode trexTransfer = require(trex.transfer(trexToken, trexAlice, trexBob, 10), "transfer");
            List<JsonNode> vaultFrames = evm.callFrames(vaultTransfer.get("transactionHash").asText());
            List<JsonNode> trexFrames = evm.callFrames(trexTransfer.get("transactionHash").asText());

            return new Figures(adapterDeploy, pointToken,
                    Evm.gasUsed(vaultTransfer), frameGas(vaultFrames, IS_VERIFIED), frameGas(vaultFrames, IS_PERMITTED),
                    Evm.gasUsed(trexTransfer), frameGas(trexFrames, IS_VERIFIED),
                    added.getGasUsed().longValueExact(), batch.getGasUsed().longValueExact() / 10,
                    Evm.gasUsed(alice.identityCreated()), Evm.gasUsed(alice.claimAdded()), Evm.gasUsed(alice.registered()),
                    Evm.gasUsed(batchRegistered) / 10);
        } finally {
            anvil.destroy();
        }
    }

    /** Gas used inside the first call frame whose input starts with the selector (callTracer's gasUsed). */
    private static long frameGas(List<JsonNode> frames, String selector) {
        return frames.stream().filter(f -> f.path("input").asText().startsWith(selector)).findFirst()
                .map(f -> Long.decode(f.get("gasUsed").asText()))
                .orElseThrow(() -> new IllegalStateException("no call " + selector + " in the transfer"));
    }

    private static JsonNode require(JsonNode receipt, String what) {
        if (!Evm.succeeded(receipt)) {
            throw new IllegalStateException(what + " reverted");
        }
        return receipt;
    }

    private static String selector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII))).substring(0, 10);
    }


    private static byte[] id(String name) {
        return Hash.sha3(("trex-bench-" + name).getBytes(StandardCharsets.UTF_8));
    }

    static void report(Report report, Figures f) {
        report.section("ERC-3643 (T-REX 4.1.6) through the adapter vs T-REX's identity registry (anvil 1.7.1)",
                "One anvil run. The published T-REX suite (`@tokenysolutions/t-rex` 4.1.6 artifacts, behind their proxies and "
                        + "implementation authority, as T-REX's own test fixture deploys it) with two tokens, identical but for the "
                        + "identity registry: *KYC Vault*, pointed at `IdentityRegistryAdapter` over the registrar; *T-REX*, on "
                        + "T-REX's own identity registry with one required claim topic and one trusted ClaimIssuer, investors' "
                        + "ONCHAINIDs created by the IdFactory (`@onchain-id/solidity` 2.2.1). Compliance has no modules. The "
                        + "transfer is the second between two investors who both hold tokens; the identity check is the "
                        + "`isVerified` call frame inside it (callTracer `gasUsed`; the caller's 2,600 for the cold registry "
                        + "address is in the token's frame, the same for both).");
        report.row("operation", "KYC Vault (adapter)", "T-REX (own identity registry)", "KYC Vault / T-REX", "published T-REX figure");
        report.rule(5);
        report.row("transfer between two verified investors (whole transaction)", gas(f.vaultTransfer()), gas(f.trexTransfer()),
                ratio(f.vaultTransfer(), f.trexTransfer()), "—");
        report.row("its identity check (`isVerified` frame)", gas(f.vaultCheck()), gas(f.trexCheck()),
                ratio(f.vaultCheck(), f.trexCheck()), "160.6k in one setup (claims, topics and issuers not stated)");
        report.row("onboarding one investor, one wallet", gas(f.addInvestor()) + " (`addInvestor`)",
                gas(f.trexOnboarding()) + " (ONCHAINID + claim + `registerIdentity`)", ratio(f.addInvestor(), f.trexOnboarding()),
                "about 846k (full onboarding)");
        report.row("onboarding, per investor in a batch of 10", gas(f.addInvestorsPerInvestor()) + " (`addInvestors`)",
                gas(f.trexOnboardingBatched()) + " (ONCHAINID + claim each, `batchRegisterIdentity`)",
                ratio(f.addInvestorsPerInvestor(), f.trexOnboardingBatched()), "—");
        report.line("");
        report.row("T-REX onboarding step (one investor)", "gas", "published T-REX figure");
        report.rule(3);
        report.row("ONCHAINID creation (`IdFactory.createIdentity`, an IdentityProxy)", gas(f.createIdentity()), "—");
        report.row("KYC claim added by the investor (`Identity.addClaim`, issuer's signature checked)", gas(f.addClaim()), "—");
        report.row("`registerIdentity` by the agent", gas(f.registerIdentity()), "79.6k");
        report.row("`batchRegisterIdentity` of 10, per wallet", gas(f.batchRegisterPerWallet()), "31.9k per wallet");
        report.line("");
        report.line(String.format("One-off for KYC Vault: deploying the adapter %s gas (once per registrar, shared by every token); an "
                        + "issuer points its token at it with `setIdentityRegistry`, %s gas. Inside the adapter's check, the registrar's "
                        + "`isPermitted` frame is %s gas, so the adapter's own hop (cold call to the registrar, ABI round trip) "
                        + "costs %s gas per check: what views on the registrar itself would save per transfer.",
                gas(f.adapterDeploy()), gas(f.pointToken()), gas(f.registrarCheck()), gas(f.vaultCheck() - f.registrarCheck())));
        report.line("");
        report.line("Goals: the adapter's identity check cheaper than T-REX's: " + BenchMain.verdict(f.vaultCheck() < f.trexCheck())
                + String.format(" (%s vs %s); onboarding one investor cheaper than T-REX's full onboarding: ", gas(f.vaultCheck()), gas(f.trexCheck()))
                + BenchMain.verdict(f.addInvestor() < f.trexOnboarding())
                + String.format(" (%s vs %s).", gas(f.addInvestor()), gas(f.trexOnboarding())));
    }

    private static String gas(long v) {
        return String.format("%,d", v);
    }

    private static String ratio(long a, long b) {
        return String.format("%.2f", (double) a / b);
    }
}
