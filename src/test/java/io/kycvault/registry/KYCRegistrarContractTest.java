package io.kycvault.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.registry.contract.KYCRegistrar;
import io.kycvault.testing.Chain;
import io.kycvault.testing.LocalStack;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The registrar on a real node (anvil), driven through the generated web3j wrapper: owner multisig,
 * authorities per country, investors and their addresses, every view, and the seed's four security
 * scenarios. Owners and authorities are anvil's unlocked accounts.
 */
class KYCRegistrarContractTest {

    static final BigInteger DE = BigInteger.valueOf(276);
    static final BigInteger FR = BigInteger.valueOf(250);
    static final BigInteger US = BigInteger.valueOf(840);
    static Process anvil;
    static Chain chain;
    static List<String> accounts;
    static Map<String, String> errorsBySelector = new HashMap<>();

    String registrar;
    String owner1;
    String owner2;
    String owner3;
    String authorityDE;
    String authorityFR;

    @BeforeAll
    static void startNode() throws Exception {
        int port = LocalStack.freePort();
        Path state = Files.createTempFile("anvil-contract", ".json");
        Files.delete(state);
        anvil = Chain.start(port, state);
        chain = new Chain("http://127.0.0.1:" + port);
        accounts = chain.accounts();
        for (JsonNode entry : new ObjectMapper().readTree(Path.of("target", "contracts", "KYCRegistrar.abi").toFile())) {
            if ("error".equals(entry.get("type").asText())) {
                StringBuilder sig = new StringBuilder(entry.get("name").asText()).append('(');
                for (int i = 0; i < entry.get("inputs").size(); i++) {
                    sig.append(i == 0 ? "" : ",").append(entry.get("inputs").get(i).get("type").asText());
                }
                sig.append(')');
                errorsBySelector.put(Numeric.toHexString(Hash.sha3(sig.toString().getBytes(StandardCharsets.US_ASCII))).substring(0, 10),
                        entry.get("name").asText());
            }
        }
    }

    @AfterAll
    static void stopNode() {
        anvil.destroy();
    }

    @BeforeEach
    void deploy() throws Exception {
        owner1 = accounts.get(0);
        owner2 = accounts.get(1);
        owner3 = accounts.get(2);
        authorityDE = accounts.get(3);
        authorityFR = accounts.get(4);
        registrar = KYCRegistrar.deploy(chain.web3j(), new org.web3j.tx.ClientTransactionManager(chain.web3j(), owner1, 600, 50), Chain.GAS,
                List.of(owner1, owner2, owner3), BigInteger.TWO).send().getContractAddress();
        ownerCall(r -> r.addAuthority(List.of(authorityDE), List.of(DE), BigInteger.ONE));
        ownerCall(r -> r.addAuthority(List.of(authorityFR), List.of(FR), BigInteger.ONE));
    }

    interface Call {
        org.web3j.protocol.core.RemoteFunctionCall<?> on(KYCRegistrar r);
    }

    /** Two owners vote the same call: the first records a vote, the second executes. */
    void ownerCall(Call call) throws Exception {
        TransactionReceipt first = (TransactionReceipt) call.on(chain.as(registrar, owner1)).send();
        assertThat(KYCRegistrar.getMultiSigCallEvents(first)).hasSize(1);
        TransactionReceipt second = (TransactionReceipt) call.on(chain.as(registrar, owner2)).send();
        assertThat(KYCRegistrar.getMultiSigCallApprovedEvents(second)).hasSize(1);
    }

    /** The custom error a call would revert with, or null when it would succeed. */
    String revertOf(String from, Call call) {
        String data = call.on(chain.view(registrar)).encodeFunctionCall();
        try {
            chain.rpc("eth_call", Map.of("from", from, "to", registrar, "data", data), "latest");
            return null;
        } catch (IllegalStateException e) {
            String message = e.getMessage();
            int at = message.indexOf("0x", message.indexOf("\"data\""));
            return at < 0 ? message : errorsBySelector.getOrDefault(message.substring(at, at + 10), message);
        }
    }

    static byte[] id(String name) {
        return Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
    }

    static String wallet() throws Exception {
        return Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
    }

    static byte[] region(String part) {
        return io.kycvault.registry.model.Jurisdiction.region("XX-" + part);
    }

    long farFuture() {
        return chain.blockTimestamp() + 365L * 86_400;
    }

    KYCRegistrar view() {
        return chain.view(registrar);
    }

    @Test
    void ownerMultisigNeedsIdenticalCalldataFromDistinctOwners() throws Exception {
        String newAuthority = accounts.get(5);
        KYCRegistrar asOwner1 = chain.as(registrar, owner1);
        TransactionReceipt vote = asOwner1.addAuthority(List.of(newAuthority), List.of(US), BigInteger.ONE).send();
        assertThat(vote.isStatusOK()).as("below threshold: no revert").isTrue();
        assertThat(KYCRegistrar.getMultiSigCallEvents(vote).get(0).callCount).isEqualTo(BigInteger.ONE);
        assertThat(view().isApprovedAuthority(newAuthority, US).send()).isFalse();
        // The same owner again: refused before the threshold is tested.
        assertThat(revertOf(owner1, r -> r.addAuthority(List.of(newAuthority), List.of(US), BigInteger.ONE))).isEqualTo("RepeatCall");
        // Another owner, other calldata (another country): a separate vote, nothing happens.
        chain.as(registrar, owner2).addAuthority(List.of(newAuthority), List.of(FR), BigInteger.ONE).send();
        assertThat(view().isApprovedAuthority(newAuthority, US).send()).isFalse();
        assertThat(view().isApprovedAuthority(newAuthority, FR).send()).isFalse();
        // Another owner, identical calldata: approved.
        TransactionReceipt approved = chain.as(registrar, owner3).addAuthority(List.of(newAuthority), List.of(US), BigInteger.ONE).send();
        assertThat(KYCRegistrar.getNewAuthorityEvents(approved)).hasSize(1);
        assertThat(view().isApprovedAuthority(newAuthority, US).send()).isTrue();
        assertThat(revertOf(accounts.get(6), r -> r.addAuthority(List.of(accounts.get(7)), List.of(US), BigInteger.ONE)))
                .isEqualTo("NotOwner");
    }

    @Test
    void votesCanBeRevoked() throws Exception {
        byte[] deId = view().getAuthorityID(authorityDE).send();
        Call call = r -> r.setAuthorityCountries(deId, List.of(US), true);
        TransactionReceipt vote = (TransactionReceipt) call.on(chain.as(registrar, owner1)).send();
        byte[] callHash = KYCRegistrar.getMultiSigCallEvents(vote).get(0).callHash;
        chain.as(registrar, owner1).revokeCall(callHash).send();
        TransactionReceipt second = (TransactionReceipt) call.on(chain.as(registrar, owner2)).send();
        assertThat(KYCRegistrar.getMultiSigCallApprovedEvents(second)).isEmpty();
        assertThat(view().isApprovedAuthority(authorityDE, US).send()).isFalse();
        assertThat(revertOf(owner3, r -> r.revokeCall(callHash))).isEqualTo("NoVote");
    }

    @Test
    void authoritiesActOnlyInTheirCountriesAndCountriesAreChecked() throws Exception {
        String w = wallet();
        assertThat(revertOf(authorityDE, r -> r.addInvestor(id("fr"), FR, region("IDF"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(w))))
                .isEqualTo("CountryNotPermitted");
        assertThat(revertOf(authorityDE, r -> r.addInvestor(id("zero"), BigInteger.ZERO, region("A"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(w))))
                .isEqualTo("InvalidCountry");
        assertThat(revertOf(owner1, r -> r.addInvestor(id("big"), BigInteger.valueOf(1000), region("A"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(w))))
                .isEqualTo("InvalidCountry");
        assertThat(revertOf(accounts.get(8), r -> r.addInvestor(id("x"), DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(w))))
                .isEqualTo("NotAuthority");
        byte[] de = view().getAuthorityID(authorityDE).send();
        ownerCall(r -> r.setAuthorityCountries(de, List.of(FR), true));
        TransactionReceipt added = chain.as(registrar, authorityDE)
                .addInvestor(id("fr"), FR, region("IDF"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(w)).send();
        assertThat(KYCRegistrar.getNewInvestorEvents(added)).hasSize(1);
        assertThat(view().isApprovedAuthority(authorityDE, FR).send()).isTrue();
    }

    @Test
    void everyInvestorFunctionAndView() throws Exception {
        String w1 = wallet();
        String w2 = wallet();
        byte[] anna = id("ANNAMULLER120419851234");
        long expires = farFuture();
        KYCRegistrar de = chain.as(registrar, authorityDE);
        TransactionReceipt added = de.addInvestor(anna, DE, region("BE"), BigInteger.valueOf(3), BigInteger.valueOf(expires), List.of(w1)).send();
        var event = KYCRegistrar.getNewInvestorEvents(added).get(0);
        assertThat(event.id).isEqualTo(anna);
        assertThat(event.country).isEqualTo(DE);
        assertThat(KYCRegistrar.getRegisteredAddressesEvents(added)).extracting(e -> Keys.toChecksumAddress(e.addr)).containsExactly(w1);
        assertThat(revertOf(authorityDE, r -> r.addInvestor(anna, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(expires), List.of())))
                .isEqualTo("InvestorExists");
        assertThat(revertOf(authorityDE, r -> r.addInvestor(new byte[32], DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(expires), List.of())))
                .isEqualTo("ZeroID");

        var investor = view().getInvestor(w1).send();
        assertThat(investor.component1()).isEqualTo(anna);
        assertThat(investor.component2()).isTrue();
        assertThat(investor.component3()).isEqualTo(BigInteger.valueOf(3));
        assertThat(investor.component4()).isEqualTo(DE);
        assertThat(view().getID(w1).send()).isEqualTo(anna);
        assertThat(view().getID(w2).send()).isEqualTo(new byte[32]);
        assertThat(view().getRating(anna).send()).isEqualTo(BigInteger.valueOf(3));
        assertThat(view().getRegion(anna).send()).isEqualTo(new byte[] {'B', 'E', 0});
        assertThat(view().getCountry(anna).send()).isEqualTo(DE);
        assertThat(view().getExpires(anna).send()).isEqualTo(BigInteger.valueOf(expires));
        assertThat(view().isRegistered(anna).send()).isTrue();
        assertThat(view().isRegistered(id("nobody")).send()).isFalse();
        assertThat(view().isPermitted(w1).send()).isTrue();
        assertThat(view().isPermittedID(anna).send()).isTrue();
        assertThat(view().getAuthorityID(authorityDE).send()).isEqualTo(Hash.sha3(Numeric.hexStringToByteArray(registrar + authorityDE.substring(2))));
        assertThat(view().getAuthorityID(owner1).send()).isEqualTo(Hash.sha3(Numeric.hexStringToByteArray(registrar)));
        assertThat(view().generateID("JOHNDOE010119701234567890").send())
                .isEqualTo(Numeric.hexStringToByteArray("0xd3e7532ecb2c15babc9a5ac8e65f9d96b7030ab7e5dc9fffaa00ac15c0937be4"));
        assertThat(revertOf(owner1, r -> r.getInvestor(w2))).isEqualTo("AddressNotRegistered");

        var pair = view().getInvestors(w1, w2).send();
        assertThat(pair.component1().get(0)).isEqualTo(anna);
        assertThat(pair.component2()).containsExactly(true, false);

        TransactionReceipt updated = de.updateInvestor(anna, region("BY"), BigInteger.valueOf(5), BigInteger.valueOf(expires + 10)).send();
        assertThat(KYCRegistrar.getUpdatedInvestorEvents(updated)).hasSize(1);
        assertThat(view().getRegion(anna).send()).isEqualTo(new byte[] {'B', 'Y', 0});
        assertThat(view().getRating(anna).send()).isEqualTo(BigInteger.valueOf(5));

        de.registerAddresses(anna, List.of(w2)).send();
        assertThat(view().getID(w2).send()).isEqualTo(anna);
        TransactionReceipt restricted = de.restrictAddresses(anna, List.of(w2)).send();
        assertThat(KYCRegistrar.getRestrictedAddressesEvents(restricted)).hasSize(1);
        assertThat(view().isPermitted(w2).send()).isFalse();
        assertThat(view().getID(w2).send()).as("bindings are never deleted").isEqualTo(anna);
        byte[] other = id("other");
        assertThat(revertOf(authorityDE, r -> r.addInvestor(other, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(expires), List.of(w2))))
                .isEqualTo("AddressRegistered");

        TransactionReceipt blocked = de.setInvestorRestriction(anna, true).send();
        assertThat(KYCRegistrar.getInvestorRestrictionEvents(blocked)).hasSize(1);
        assertThat(view().isPermitted(w1).send()).isFalse();
        de.setInvestorRestriction(anna, false).send();
        assertThat(view().isPermitted(w1).send()).isTrue();
        assertThat(revertOf(authorityFR, r -> r.setInvestorRestriction(anna, true))).isEqualTo("CountryNotPermitted");
    }

    @Test
    void batchAddsManyInvestorsWithOneCall() throws Exception {
        List<byte[]> ids = List.of(id("b1"), id("b2"), id("b3"));
        List<String> wallets = List.of(wallet(), wallet(), wallet(), wallet());
        long expires = farFuture();
        TransactionReceipt receipt = chain.as(registrar, authorityDE).addInvestors(ids, List.of(DE, DE, DE),
                List.of(region("BE"), region("HH"), region("BY")), List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.TEN),
                List.of(BigInteger.valueOf(expires), BigInteger.valueOf(expires), BigInteger.valueOf(expires)),
                wallets, List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.ONE)).send();
        assertThat(KYCRegistrar.getNewInvestorEvents(receipt)).extracting(e -> Numeric.toHexString(e.id))
                .containsExactly(ids.stream().map(Numeric::toHexString).toArray(String[]::new));
        assertThat(KYCRegistrar.getRegisteredAddressesEvents(receipt)).hasSize(4);
        assertThat(view().getID(wallets.get(2)).send()).isEqualTo(ids.get(1));
        assertThat(view().getID(wallets.get(3)).send()).isEqualTo(ids.get(2));
        assertThat(revertOf(authorityDE, r -> r.addInvestors(List.of(id("c1")), List.of(DE), List.of(region("BE")), List.of(BigInteger.ONE),
                List.of(BigInteger.valueOf(expires)), List.of(), List.of(BigInteger.ONE)))).isEqualTo("LengthMismatch");
    }

    @Test
    void ratingExpiryEndsPermission() throws Exception {
        String w = wallet();
        long expires = chain.blockTimestamp() + 3600;
        chain.as(registrar, authorityDE).addInvestor(id("expiring"), DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(expires), List.of(w)).send();
        assertThat(view().isPermitted(w).send()).isTrue();
        String snapshot = chain.snapshot();
        chain.increaseTime(3601 + 1);
        assertThat(view().isPermitted(w).send()).isFalse();
        assertThat(view().isPermittedID(id("expiring")).send()).isFalse();
        chain.revert(snapshot);
    }

    /** Seed scenario: the investor moves from Germany to France: new ID, new address, old ID restricted. */
    @Test
    void investorChangesCountry() throws Exception {
        String oldWallet = wallet();
        String newWallet = wallet();
        byte[] oldId = id("ANNAMULLER|DE-TAX-1");
        byte[] newId = id("ANNAMULLER|FR-TAX-9");
        chain.as(registrar, authorityDE).addInvestor(oldId, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(oldWallet)).send();
        chain.as(registrar, authorityFR).addInvestor(newId, FR, region("IDF"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(newWallet)).send();
        chain.as(registrar, authorityDE).setInvestorRestriction(oldId, true).send();
        assertThat(view().isPermitted(oldWallet).send()).isFalse();
        assertThat(view().isPermitted(newWallet).send()).isTrue();
        assertThat(view().getCountry(newId).send()).isEqualTo(FR);
    }

    /** Seed scenario: a lost key — the old address is restricted, a new proven address added, same ID. */
    @Test
    void lostInvestorKey() throws Exception {
        String lost = wallet();
        String replacement = wallet();
        byte[] investor = id("lost-key");
        KYCRegistrar de = chain.as(registrar, authorityDE);
        de.addInvestor(investor, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(lost)).send();
        de.restrictAddresses(investor, List.of(lost)).send();
        de.registerAddresses(investor, List.of(replacement)).send();
        assertThat(view().isPermitted(lost).send()).isFalse();
        assertThat(view().isPermitted(replacement).send()).isTrue();
        assertThat(view().getID(replacement).send()).isEqualTo(investor);
        assertThat(view().getID(lost).send()).isEqualTo(investor);
    }

    /** Seed scenario: a compromised authority is restricted, its investors blocked, re-verified ones restored. */
    @Test
    void compromisedAuthority() throws Exception {
        String w1 = wallet();
        String w2 = wallet();
        byte[] i1 = id("victim-1");
        byte[] i2 = id("victim-2");
        KYCRegistrar de = chain.as(registrar, authorityDE);
        de.addInvestor(i1, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(w1)).send();
        de.addInvestor(i2, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(w2)).send();
        byte[] deId = view().getAuthorityID(authorityDE).send();
        ownerCall(r -> r.setAuthorityRestriction(deId, true));
        assertThat(view().isPermitted(w1).send()).isFalse();
        assertThat(view().isPermitted(w2).send()).isFalse();
        assertThat(revertOf(authorityDE, r -> r.setInvestorRestriction(i1, false))).isEqualTo("AuthorityRestricted");
        // Re-verified by another authority (updateInvestor moves them to it) ...
        String authority2 = accounts.get(6);
        ownerCall(r -> r.addAuthority(List.of(authority2), List.of(DE), BigInteger.ONE));
        chain.as(registrar, authority2).updateInvestor(i1, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture())).send();
        assertThat(view().isPermitted(w1).send()).isTrue();
        // ... or re-homed by the owner.
        byte[] a2 = view().getAuthorityID(authority2).send();
        ownerCall(r -> r.setInvestorAuthority(a2, List.of(i2)));
        assertThat(view().isPermitted(w2).send()).isTrue();
        assertThat(view().getInvestorAuthority(i2).send()).isEqualTo(a2);
    }

    /**
     * Seed scenario: a compromised owner. One stolen owner key (below the threshold) can only vote:
     * nothing changes, and the honest owners can revoke nothing of theirs but simply not join. With
     * M keys stolen the registrar cannot protect itself: issuers remove it (IssuingEntity.setRegistrar),
     * which restricts every investor it approved until they KYC with another registrar (README).
     */
    @Test
    void compromisedOwnerBelowThresholdCannotActAlone() throws Exception {
        String attackerAuthority = accounts.get(9);
        TransactionReceipt attempt = chain.as(registrar, owner3).addAuthority(List.of(attackerAuthority), List.of(DE), BigInteger.ONE).send();
        assertThat(KYCRegistrar.getNewAuthorityEvents(attempt)).isEmpty();
        assertThat(view().isApprovedAuthority(attackerAuthority, DE).send()).isFalse();
        byte[] deId = view().getAuthorityID(authorityDE).send();
        chain.as(registrar, owner3).setAuthorityRestriction(deId, true).send();
        String w = wallet();
        chain.as(registrar, authorityDE).addInvestor(id("still-fine"), DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(w)).send();
        assertThat(view().isPermitted(w).send()).as("a single owner cannot restrict an authority").isTrue();
    }

    /**
     * The stale-vote attack: in a 2-of-3 owner set, owner A votes addAuthority(attacker); B and C
     * restrict A; then B alone sends the same calldata. A's vote died with the restriction, so B's
     * call only records a vote.
     */
    @Test
    void aVoteDiesWhenItsVoterIsRestricted() throws Exception {
        String attacker = accounts.get(9);
        Call addAttacker = r -> r.addAuthority(List.of(attacker), List.of(DE), BigInteger.ONE);
        addAttacker.on(chain.as(registrar, owner1)).send();
        byte[] ownerId = view().ownerID().send();
        TransactionReceipt b = chain.as(registrar, owner2).restrictAddresses(ownerId, List.of(owner1)).send();
        TransactionReceipt c = chain.as(registrar, owner3).restrictAddresses(ownerId, List.of(owner1)).send();
        assertThat(KYCRegistrar.getMultiSigCallEvents(b)).hasSize(1);
        assertThat(KYCRegistrar.getVotesVoidedEvents(c)).hasSize(1);
        TransactionReceipt alone = (TransactionReceipt) addAttacker.on(chain.as(registrar, owner2)).send();
        assertThat(KYCRegistrar.getMultiSigCallApprovedEvents(alone)).isEmpty();
        assertThat(KYCRegistrar.getMultiSigCallEvents(alone)).singleElement().satisfies(e -> assertThat(e.callCount).isEqualTo(BigInteger.ONE));
        assertThat(view().isApprovedAuthority(attacker, DE).send()).isFalse();
        assertThat(revertOf(owner1, addAttacker)).as("the restricted owner cannot vote again").isEqualTo("NotOwner");
    }

    @Test
    void aThresholdChangeVoidsPendingVotes() throws Exception {
        byte[] deId = view().getAuthorityID(authorityDE).send();
        Call addUs = r -> r.setAuthorityCountries(deId, List.of(US), true);
        addUs.on(chain.as(registrar, owner1)).send();
        byte[] ownerId = view().ownerID().send();
        ownerCall(r -> r.setAuthorityThreshold(ownerId, BigInteger.TWO));
        TransactionReceipt second = (TransactionReceipt) addUs.on(chain.as(registrar, owner2)).send();
        assertThat(KYCRegistrar.getMultiSigCallApprovedEvents(second)).isEmpty();
        assertThat(view().isApprovedAuthority(authorityDE, US).send()).isFalse();
    }

    @Test
    void votesExpire() throws Exception {
        byte[] deId = view().getAuthorityID(authorityDE).send();
        Call addUs = r -> r.setAuthorityCountries(deId, List.of(US), true);
        addUs.on(chain.as(registrar, owner1)).send();
        chain.increaseTime(view().VOTE_LIFETIME().send().longValueExact() + 2);
        TransactionReceipt late = (TransactionReceipt) addUs.on(chain.as(registrar, owner2)).send();
        assertThat(KYCRegistrar.getMultiSigCallApprovedEvents(late)).as("the expired vote no longer counts").isEmpty();
        TransactionReceipt again = (TransactionReceipt) addUs.on(chain.as(registrar, owner1)).send();
        assertThat(KYCRegistrar.getMultiSigCallApprovedEvents(again)).as("a fresh second vote completes it").hasSize(1);
        assertThat(view().isApprovedAuthority(authorityDE, US).send()).isTrue();
    }

    @Test
    void theZeroAddressIsNeverBound() throws Exception {
        String zero = "0x0000000000000000000000000000000000000000";
        assertThat(revertOf(authorityDE, r -> r.addInvestor(id("zero-wallet"), DE, region("BE"), BigInteger.ONE,
                BigInteger.valueOf(farFuture()), List.of(zero)))).isEqualTo("ZeroAddress");
        assertThat(revertOf(owner1, r -> r.addAuthority(List.of(zero), List.of(DE), BigInteger.ONE))).isEqualTo("ZeroAddress");
        assertThat(view().isPermitted(zero).send()).isFalse();
    }

    @Test
    void everyOwnerSetterLeavesAnEvent() throws Exception {
        byte[] deId = view().getAuthorityID(authorityDE).send();
        byte[] frId = view().getAuthorityID(authorityFR).send();
        chain.as(registrar, owner1).setAuthorityCountries(deId, List.of(US), true).send();
        TransactionReceipt countries = chain.as(registrar, owner2).setAuthorityCountries(deId, List.of(US), true).send();
        assertThat(KYCRegistrar.getAuthorityCountriesEvents(countries)).singleElement()
                .satisfies(e -> assertThat(e.countries).containsExactly(US));
        chain.as(registrar, owner1).setAuthorityThreshold(deId, BigInteger.ONE).send();
        TransactionReceipt threshold = chain.as(registrar, owner2).setAuthorityThreshold(deId, BigInteger.ONE).send();
        assertThat(KYCRegistrar.getAuthorityThresholdEvents(threshold)).hasSize(1);
        byte[] investor = id("moved");
        chain.as(registrar, authorityDE).addInvestor(investor, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()), List.of(wallet())).send();
        chain.as(registrar, owner1).setInvestorAuthority(frId, List.of(investor)).send();
        TransactionReceipt moved = chain.as(registrar, owner2).setInvestorAuthority(frId, List.of(investor)).send();
        assertThat(KYCRegistrar.getInvestorAuthorityEvents(moved)).singleElement()
                .satisfies(e -> assertThat(e.authority).isEqualTo(frId));
    }

    @Test
    void investorAndAuthorityIdsAreDisjoint() throws Exception {
        byte[] frId = view().getAuthorityID(authorityFR).send();
        String w = wallet();
        assertThat(revertOf(authorityDE, r -> r.addInvestor(frId, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()),
                List.of(w)))).isEqualTo("IDTaken");
        assertThat(view().isRegistered(frId).send()).isFalse();
        assertThat(view().isPermittedID(frId).send()).isFalse();
        byte[] ownerId = view().ownerID().send();
        assertThat(revertOf(authorityDE, r -> r.addInvestor(ownerId, DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(farFuture()),
                List.of(w)))).isEqualTo("IDTaken");
    }
}
