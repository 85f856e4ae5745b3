package io.kycvault.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The real T-REX suite (the published {@code @tokenysolutions/t-rex} 4.1.6 artifacts) on anvil with a token
 * pointed at {@code IdentityRegistryAdapter} over a KYCRegistrar: T-REX's own Token, ModularCompliance and
 * compliance module decide, asking the adapter; investors are registered, restricted and left to expire through
 * the registrar only. Beside it, a token on T-REX's own identity registry (ONCHAINID, claims) for ERC-3643
 * issue #101.
 */
class TrexIdentityRegistryAdapterTest {

    static final int DE = 276;
    static final int FR = 250;
    static final int US = 840;
    static final String TRANSFER_REFUSED = "Transfer not possible";

    static Process anvil;
    static Chain chain;
    static Evm evm;
    static TrexSuite trex;
    static String owner;
    static String authority;
    static String otherAuthority;
    static String registrar;
    static String adapter;
    static TrexSuite.Token token;
    static TrexSuite.Token trexToken;
    /** Holds tokens on the adapter's token; every test sends from it. */
    static String treasury;

    @BeforeAll
    static void deploy() throws Exception {
        int port = LocalStack.freePort();
        Path state = Files.createTempFile("anvil-trex", ".json");
        Files.delete(state);
        anvil = Chain.start(port, state);
        chain = new Chain("http://127.0.0.1:" + port);
        evm = new Evm(chain);
        List<String> accounts = chain.accounts();
        owner = accounts.get(0);
        authority = accounts.get(1);
        otherAuthority = accounts.get(2);
        registrar = KYCRegistrar.deploy(chain.web3j(), new ClientTransactionManager(chain.web3j(), owner, 600, 50), Chain.GAS,
                List.of(owner), BigInteger.ONE).send().getContractAddress();
        chain.as(registrar, owner).addAuthority(List.of(authority), List.of(big(DE), big(FR), big(US)), BigInteger.ONE).send();
        chain.as(registrar, owner).addAuthority(List.of(otherAuthority), List.of(big(DE)), BigInteger.ONE).send();
        adapter = IdentityRegistryAdapter.deploy(chain.web3j(), new ClientTransactionManager(chain.web3j(), owner, 600, 50), Chain.GAS,
                registrar).send().getContractAddress();

        trex = TrexSuite.deploy(evm, accounts.get(3), accounts.get(4));
        token = trex.token("KYCV", adapter);
        trexToken = trex.token("TREX", trex.identityRegistry);
        treasury = investor(authority, DE, farFuture()).wallets().get(0);
        assertThat(Evm.succeeded(trex.mint(token, treasury, 1_000_000))).isTrue();
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.destroy();
        }
    }

    record Investor(byte[] id, List<String> wallets) {
    }

    /** An investor registered on the registrar by an authority, with fresh wallets anvil can send from. */
    static Investor investor(String by, int country, long expires, int wallets) throws Exception {
        byte[] id = Hash.sha3(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        List<String> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < wallets; i++) {
            addresses.add(evm.newAccount());
        }
        assertThat(chain.as(registrar, by).addInvestor(id, big(country), new byte[] {'B', 'E', 0}, BigInteger.ONE, big(expires), addresses)
                .send().isStatusOK()).isTrue();
        return new Investor(id, addresses);
    }

    static Investor investor(String by, int country, long expires) throws Exception {
        return investor(by, country, expires, 1);
    }

    static long farFuture() {
        return chain.blockTimestamp() + 365L * 86_400;
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    static IdentityRegistryAdapter view() {
        return IdentityRegistryAdapter.load(adapter, chain.web3j(), new org.web3j.tx.ReadonlyTransactionManager(chain.web3j(), owner), Chain.GAS);
    }

    /** The adapter's ERC-3643 and ERC-7943 answers for a wallet all agree with {@code verified}. */
    static void assertVerdict(String wallet, boolean verified) throws Exception {
        assertThat(view().isVerified(wallet).send()).as("isVerified").isEqualTo(verified);
        assertThat(view().canSend(wallet).send()).as("canSend").isEqualTo(verified);
        assertThat(view().canReceive(wallet).send()).as("canReceive").isEqualTo(verified);
        assertThat(view().canTransfer(treasury, wallet, BigInteger.ONE).send()).as("canTransfer to").isEqualTo(verified);
        assertThat(view().canTransfer(wallet, treasury, BigInteger.ONE).send()).as("canTransfer from").isEqualTo(verified);
    }

    /** A transfer on the adapter's token that T-REX's Token refuses: reverted, nothing moved. */
    static void assertRefused(String from, String to) {
        BigInteger before = trex.balanceOf(token, to);
        assertThat(trex.refusal(token, from, to, 1)).isEqualTo(TRANSFER_REFUSED);
        JsonNode mined = trex.transfer(token, from, to, 1);
        assertThat(Evm.succeeded(mined)).as("mined transfer reverted").isFalse();
        assertThat(trex.balanceOf(token, to)).isEqualTo(before);
    }

    static void assertTransfers(String from, String to, long amount) {
        BigInteger before = trex.balanceOf(token, to);
        assertThat(trex.refusal(token, from, to, amount)).isNull();
        assertThat(Evm.succeeded(trex.transfer(token, from, to, amount))).isTrue();
        assertThat(trex.balanceOf(token, to)).isEqualTo(before.add(big(amount)));
    }

    static String readOnly(String function) {
        String selector = Numeric.toHexString(Hash.sha3(function.getBytes(StandardCharsets.US_ASCII))).substring(2, 10);
        String error = Numeric.toHexString(Hash.sha3("ReadOnlyRegistry(bytes4)".getBytes(StandardCharsets.US_ASCII))).substring(0, 10);
        return error + selector + "0".repeat(56);
    }

    @Test
    void theTokenUnderTestReadsTheAdapterAsItsIdentityRegistry() {
        assertThat((String) evm.value(token.address(), "identityRegistry", TypeReference.create(Address.class))).isEqualToIgnoringCase(adapter);
        assertThat((String) evm.value(trexToken.address(), "identityRegistry", TypeReference.create(Address.class)))
                .isEqualToIgnoringCase(trex.identityRegistry);
    }

    @Test
    void transfersBetweenRegisteredInvestorsGoThrough() throws Exception {
        Investor alice = investor(authority, DE, farFuture(), 2);
        Investor bob = investor(authority, FR, farFuture());
        String a1 = alice.wallets().get(0);
        String a2 = alice.wallets().get(1);
        String b = bob.wallets().get(0);
        assertVerdict(a1, true);
        assertVerdict(b, true);
        assertThat(view().canTransfer(a1, b, big(10)).send()).isTrue();

        assertThat(Evm.succeeded(trex.mint(token, a1, 100))).isTrue();
        assertTransfers(a1, b, 30);
        assertTransfers(b, a2, 5);
        assertTransfers(a2, a1, 5);
        assertThat(trex.balanceOf(token, a1)).isEqualTo(big(75));
        assertThat(trex.balanceOf(token, b)).isEqualTo(big(25));

        // Country is the registrar's; identity is one value per investor, shared by its wallets.
        assertThat(view().investorCountry(a1).send()).isEqualTo(big(DE));
        assertThat(view().investorCountry(b).send()).isEqualTo(big(FR));
        String identity = view().identity(a1).send();
        assertThat(identity).as("the ID's low 20 bytes").isEqualToIgnoringCase("0x" + Numeric.toHexStringNoPrefix(alice.id()).substring(24));
        assertThat(view().identity(a2).send()).isEqualToIgnoringCase(identity);
        assertThat(view().identity(b).send()).isNotEqualToIgnoringCase(identity);
        assertThat(view().contains(a1).send()).isTrue();
    }

    @Test
    void unregisteredWalletIsRefused() throws Exception {
        String carol = evm.newAccount();
        assertVerdict(carol, false);
        assertRefused(treasury, carol);
        JsonNode mint = trex.mint(token, carol, 1);
        assertThat(Evm.succeeded(mint)).isFalse();
        assertThat(Evm.reason(evm.revert(trex.agent, token.address(), Evm.encode("mint", new Address(carol), new Uint256(1)))))
                .isEqualTo("Identity is not verified.");
        assertThat(view().investorCountry(carol).send()).isEqualTo(BigInteger.ZERO);
        assertThat(view().identity(carol).send()).isEqualTo(Address.DEFAULT.getValue());
        assertThat(view().contains(carol).send()).isFalse();
    }

    @Test
    void restrictedInvestorIsRefusedUntilTheRestrictionIsLifted() throws Exception {
        Investor dave = investor(authority, DE, farFuture(), 2);
        String d = dave.wallets().get(0);
        assertTransfers(treasury, d, 10);
        chain.as(registrar, authority).setInvestorRestriction(dave.id(), true).send();
        for (String wallet : dave.wallets()) {
            assertVerdict(wallet, false);
            assertRefused(treasury, wallet);
        }
        assertThat(view().contains(d).send()).as("still bound, only restricted").isTrue();
        assertThat(view().canTransfer(d, treasury, BigInteger.ONE).send()).isFalse();
        chain.as(registrar, authority).setInvestorRestriction(dave.id(), false).send();
        assertVerdict(d, true);
        assertTransfers(treasury, d, 1);
    }

    @Test
    void restrictedWalletIsRefusedWhileTheInvestorsOtherWalletIsNot() throws Exception {
        Investor erin = investor(authority, DE, farFuture(), 2);
        String lost = erin.wallets().get(0);
        String kept = erin.wallets().get(1);
        chain.as(registrar, authority).restrictAddresses(erin.id(), List.of(lost)).send();
        assertVerdict(lost, false);
        assertVerdict(kept, true);
        assertRefused(treasury, lost);
        assertTransfers(treasury, kept, 3);
    }

    @Test
    void expiredRatingIsRefused() throws Exception {
        Investor frank = investor(authority, DE, chain.blockTimestamp() + 3_600);
        String f = frank.wallets().get(0);
        assertTransfers(treasury, f, 2);
        chain.increaseTime(7_200);
        assertVerdict(f, false);
        assertRefused(treasury, f);
        // Renewal through the registrar (updateInvestor with a new expiry) restores it.
        chain.as(registrar, authority).updateInvestor(frank.id(), new byte[] {'B', 'E', 0}, BigInteger.ONE, big(farFuture())).send();
        assertVerdict(f, true);
        assertTransfers(treasury, f, 1);
    }

    @Test
    void investorsOfARestrictedAuthorityAreRefused() throws Exception {
        Investor grace = investor(otherAuthority, DE, farFuture());
        String g = grace.wallets().get(0);
        assertTransfers(treasury, g, 4);
        byte[] other = chain.view(registrar).getAuthorityID(otherAuthority).send();
        chain.as(registrar, owner).setAuthorityRestriction(other, true).send();
        assertVerdict(g, false);
        assertRefused(treasury, g);
        assertThat(view().investorCountry(g).send()).as("the record is still there").isEqualTo(big(DE));
    }

    /**
     * ERC-3643 issue #101: T-REX's IdentityRegistry.isVerified validates a claim against the issuer the claim
     * names, so an identity contract that names itself as issuer passes with no attestation from a trusted
     * issuer. Reproduced here on the published suite; through the adapter there is nothing to forge: the only
     * attestation is a registrar record written by an appointed authority, and the adapter accepts no identity.
     */
    @Test
    void noValidAttestationIsRefusedErc3643Issue101() throws Exception {
        String mallory = evm.newAccount();
        String forged = evm.deployed(mallory, Evm.testContract("SelfAttestingIdentity"), new Uint256(TrexSuite.KYC_TOPIC));

        // T-REX's own registry: an honestly onboarded holder is verified, and so is the forged identity.
        String holder = evm.newAccount();
        trex.onboard(holder, DE);
        assertThat(trex.isVerified(trex.identityRegistry, holder)).isTrue();
        assertThat(trex.isVerified(trex.identityRegistry, mallory)).as("unregistered: refused").isFalse();
        trex.registerIdentity(mallory, forged, DE);
        assertThat(trex.isVerified(trex.identityRegistry, mallory)).as("issue #101 on T-REX 4.1.6").isTrue();
        assertThat(Evm.succeeded(trex.mint(trexToken, holder, 10))).isTrue();
        assertThat(Evm.succeeded(trex.transfer(trexToken, holder, mallory, 10))).as("T-REX lets the forged identity receive").isTrue();

        // The adapter: no registrar record, no verification; the forged identity cannot be registered with it.
        assertVerdict(mallory, false);
        assertRefused(treasury, mallory);
        assertThat(evm.revert(trex.agent, adapter, Evm.encode("registerIdentity", new Address(mallory), new Address(forged), new Uint16(DE))))
                .isEqualTo(readOnly("registerIdentity(address,address,uint16)"));
        // A registrar record whose authority is restricted is no valid attestation either.
        Investor withRevokedAuthority = investor(authority, DE, farFuture());
        byte[] authorityId = chain.view(registrar).getAuthorityID(authority).send();
        chain.as(registrar, owner).setAuthorityRestriction(authorityId, true).send();
        try {
            assertVerdict(withRevokedAuthority.wallets().get(0), false);
            assertRefused(treasury, withRevokedAuthority.wallets().get(0));
        } finally {
            chain.as(registrar, owner).setAuthorityRestriction(authorityId, false).send();
        }
    }

    @Test
    void everyWriteRevertsWithReadOnlyRegistry() {
        String a = evm.newAccount();
        Address w = new Address(a);
        List<Object[]> writes = List.of(
                new Object[] {"registerIdentity(address,address,uint16)", "registerIdentity", new Type<?>[] {w, w, new Uint16(DE)}},
                new Object[] {"batchRegisterIdentity(address[],address[],uint16[])", "batchRegisterIdentity", new Type<?>[] {
                        new DynamicArray<>(Address.class, List.of(w)), new DynamicArray<>(Address.class, List.of(w)),
                        new DynamicArray<>(Uint16.class, List.of(new Uint16(DE)))}},
                new Object[] {"deleteIdentity(address)", "deleteIdentity", new Type<?>[] {w}},
                new Object[] {"updateCountry(address,uint16)", "updateCountry", new Type<?>[] {w, new Uint16(FR)}},
                new Object[] {"updateIdentity(address,address)", "updateIdentity", new Type<?>[] {w, w}},
                new Object[] {"setIdentityRegistryStorage(address)", "setIdentityRegistryStorage", new Type<?>[] {w}},
                new Object[] {"setClaimTopicsRegistry(address)", "setClaimTopicsRegistry", new Type<?>[] {w}},
                new Object[] {"setTrustedIssuersRegistry(address)", "setTrustedIssuersRegistry", new Type<?>[] {w}},
                // Not in IIdentityRegistry but on T-REX's registry (AgentRole, Ownable): the fallback answers.
                new Object[] {"addAgent(address)", "addAgent", new Type<?>[] {w}},
                new Object[] {"transferOwnership(address)", "transferOwnership", new Type<?>[] {w}});
        for (Object[] write : writes) {
            String data = Evm.encode((String) write[1], (Type<?>[]) write[2]);
            assertThat(evm.revert(owner, adapter, data)).as((String) write[0]).isEqualTo(readOnly((String) write[0]));
            assertThat(Evm.succeeded(evm.attempt(owner, adapter, (String) write[1], (Type<?>[]) write[2]))).isFalse();
        }
        assertThat(view().identityStorage().sendAsync().join()).isEqualTo(Address.DEFAULT.getValue());
        assertThat(view().issuersRegistry().sendAsync().join()).isEqualTo(Address.DEFAULT.getValue());
        assertThat(view().topicsRegistry().sendAsync().join()).isEqualTo(Address.DEFAULT.getValue());
        assertThatThrownBy(() -> IdentityRegistryAdapter.deploy(chain.web3j(), new ClientTransactionManager(chain.web3j(), owner, 600, 50),
                Chain.GAS, a).send()).as("constructor refuses an address without code").isNotNull();
    }

    /**
     * T-REX's Token.recoveryAddress writes to the identity registry, so it reverts with the adapter's error; the
     * KYC Vault way is the registrar's lost-key runbook (registerAddresses for the new wallet under the same ID),
     * after which the agent's forcedTransfer moves the balance.
     */
    @Test
    void lostWalletIsRecoveredThroughTheRegistrarNotTheToken() throws Exception {
        Investor henry = investor(authority, DE, farFuture());
        String lost = henry.wallets().get(0);
        assertTransfers(treasury, lost, 7);
        String replacement = evm.newAccount();
        trex.createIdentity(replacement);
        String onchainId = trex.identityOf(replacement);
        assertThat(evm.revert(trex.agent, token.address(), Evm.encode("recoveryAddress", new Address(lost), new Address(replacement),
                new Address(onchainId)))).isEqualTo(readOnly("registerIdentity(address,address,uint16)"));

        chain.as(registrar, authority).restrictAddresses(henry.id(), List.of(lost)).send();
        chain.as(registrar, authority).registerAddresses(henry.id(), List.of(replacement)).send();
        assertVerdict(replacement, true);
        assertThat(view().identity(replacement).send()).isEqualToIgnoringCase(view().identity(lost).send());
        evm.send(trex.agent, token.address(), "forcedTransfer", new Address(lost), new Address(replacement), new Uint256(7));
        assertThat(trex.balanceOf(token, replacement)).isEqualTo(big(7));
        assertThat(trex.balanceOf(token, lost)).isEqualTo(BigInteger.ZERO);
    }

    /** T-REX's CountryAllowModule reads investorCountry from the adapter: the registrar's country decides. */
    @Test
    void complianceModulesReadTheRegistrarsCountry() throws Exception {
        TrexSuite.Token euOnly = trex.token("KYCEU", adapter);
        String module = evm.deployed(trex.deployer, TrexSuite.trex("compliance/modular/modules/CountryAllowModule"));
        evm.send(trex.deployer, module, "initialize");
        evm.send(trex.deployer, euOnly.compliance(), "addModule", new Address(module));
        for (int country : new int[] {DE, FR}) {
            evm.send(trex.deployer, euOnly.compliance(), "callModuleFunction",
                    new org.web3j.abi.datatypes.DynamicBytes(Numeric.hexStringToByteArray(Evm.encode("addAllowedCountry", new Uint16(country)))),
                    new Address(module));
        }
        String de = investor(authority, DE, farFuture()).wallets().get(0);
        String fr = investor(authority, FR, farFuture()).wallets().get(0);
        String us = investor(authority, US, farFuture()).wallets().get(0);
        assertThat(Evm.succeeded(trex.mint(euOnly, de, 10))).isTrue();
        assertThat(Evm.succeeded(trex.transfer(euOnly, de, fr, 3))).isTrue();
        assertVerdict(us, true);
        assertThat(view().investorCountry(us).send()).isEqualTo(big(US));
        assertThat(Evm.succeeded(trex.transfer(euOnly, de, us, 3))).as("verified, but its country is not allowed").isFalse();
        assertThat(trex.balanceOf(euOnly, us)).isEqualTo(BigInteger.ZERO);
    }
}
