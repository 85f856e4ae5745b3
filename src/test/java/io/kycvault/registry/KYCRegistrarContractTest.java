package io.kycvault.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.registry.application.Registrar;
import io.kycvault.registry.contract.KYCRegistrar;
import io.kycvault.registry.infrastructure.InvestorBatch;
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

    Registrar.Entry entry(String name, BigInteger country, String region, int rating, long expires, String... wallets) {
        return new Registrar.Entry(id(name), country.intValueExact(), region(region), rating, expires, List.of(wallets));
    }

    /** addInvestors as the chain function sends it: the packed layout built by InvestorBatch. */
    Call addInvestors(Registrar.Entry... entries) {
        InvestorBatch batch = InvestorBatch.of(List.of(entries));
        return r -> r.addInvestors(batch.ids(), batch.words(), batch.moreWallets());
    }

    @Test
    void batchAddsManyInvestorsWithOneCall() throws Exception {
        List<String> wallets = List.of(wallet(), wallet(), wallet(), wallet());
        long expires = farFuture();
        TransactionReceipt receipt = (TransactionReceipt) addInvestors(
                entry("b1", DE, "BE", 1, expires, wallets.get(0)),
                entry("b2", DE, "HH", 2, expires, wallets.get(1), wallets.get(2)),
                entry("b3", DE, "BY", 10, expires, wallets.get(3)),
                entry("b4", DE, "NW", 3, expires)).on(chain.as(registrar, authorityDE)).send();
        assertThat(KYCRegistrar.getNewInvestorEvents(receipt)).extracting(e -> Numeric.toHexString(e.id))
                .containsExactly(Numeric.toHexString(id("b1")), Numeric.toHexString(id("b2")), Numeric.toHexString(id("b3")),
                        Numeric.toHexString(id("b4")));
        assertThat(KYCRegistrar.getRegisteredAddressesEvents(receipt)).extracting(e -> Keys.toChecksumAddress(e.addr))
                .containsExactlyElementsOf(wallets);
        assertThat(view().getID(wallets.get(0)).send()).isEqualTo(id("b1"));
        assertThat(view().getID(wallets.get(1)).send()).isEqualTo(id("b2"));
        assertThat(view().getID(wallets.get(2)).send()).isEqualTo(id("b2"));
        assertThat(view().getID(wallets.get(3)).send()).isEqualTo(id("b3"));
        assertThat(view().isRegistered(id("b4")).send()).as("an investor without wallets").isTrue();
        assertThat(view().getRegion(id("b2")).send()).isEqualTo(region("HH"));
        assertThat(view().getRating(id("b3")).send()).isEqualTo(BigInteger.TEN);
        assertThat(view().getInvestorAuthority(id("b1")).send()).isEqualTo(view().getAuthorityID(authorityDE).send());
        assertThat(view().isPermitted(wallets.get(2)).send()).isTrue();
    }

    /** Every field of the packed word at the edge of its width comes back through the SFT views. */
    @Test
    void packedFieldsRoundTripAtTheirWidths() throws Exception {
        String w = wallet();
        long maxExpires = InvestorBatch.MAX_EXPIRES;
        byte[] region = {(byte) 0xff, (byte) 0xfe, (byte) 0xfd};
        byte[] edge = id("edge");
        var entry = new Registrar.Entry(edge, 999, region, 255, maxExpires, List.of(w));
        InvestorBatch batch = InvestorBatch.of(List.of(entry));
        assertThat(batch.words().get(0).bitLength()).as("wallet count in the top byte").isEqualTo(249);
        // The owner may act for every country: 999, the largest the registrar accepts.
        ownerCall(r -> r.addInvestors(batch.ids(), batch.words(), batch.moreWallets()));
        assertThat(view().getCountry(edge).send()).isEqualTo(BigInteger.valueOf(999));
        assertThat(view().getRegion(edge).send()).isEqualTo(region);
        assertThat(view().getRating(edge).send()).isEqualTo(BigInteger.valueOf(255));
        assertThat(view().getExpires(edge).send()).isEqualTo(BigInteger.valueOf(maxExpires));
        assertThat(view().getID(w).send()).isEqualTo(edge);
        assertThat(view().isPermittedID(edge).send()).as("unrestricted, the owner's own investor").isTrue();
        assertThat(view().getInvestorAuthority(edge).send()).isEqualTo(view().ownerID().send());
    }

    @Test
    void malformedBatchesAreRefusedWithCustomErrors() throws Exception {
        long expires = farFuture();
        String w1 = wallet();
        String w2 = wallet();
        var one = entry("m1", DE, "BE", 1, expires, w1);
        BigInteger word = InvestorBatch.word(one);
        BigInteger countZero = word.andNot(BigInteger.valueOf(0xff).shiftLeft(248));
        assertThat(revertOf(authorityDE, r -> r.addInvestors(List.of(id("m1")), List.of(countZero), List.of())))
                .as("a wallet with a wallet count of zero").isEqualTo("MalformedInvestor");
        BigInteger countTwo = countZero.or(BigInteger.TWO.shiftLeft(248));
        assertThat(revertOf(authorityDE, r -> r.addInvestors(List.of(id("m1")), List.of(countTwo), List.of())))
                .as("a count beyond the wallets given").isEqualTo("LengthMismatch");
        assertThat(revertOf(authorityDE, r -> r.addInvestors(List.of(id("m1")), List.of(word), List.of(w2))))
                .as("a wallet no investor takes").isEqualTo("LengthMismatch");
        assertThat(revertOf(authorityDE, r -> r.addInvestors(List.of(id("m1"), id("m2")), List.of(word), List.of())))
                .isEqualTo("LengthMismatch");
        assertThat(revertOf(authorityDE, r -> r.addInvestors(List.of(), List.of(), List.of()))).isEqualTo("EmptyArray");
        assertThat(revertOf(authorityDE, addInvestors(entry("m3", DE, "BE", 0, expires, w1)))).isEqualTo("InvalidRating");
        assertThat(revertOf(authorityDE, addInvestors(entry("m4", FR, "IDF", 1, expires, w1)))).isEqualTo("CountryNotPermitted");
        assertThat(revertOf(authorityDE, addInvestors(entry("m5", BigInteger.valueOf(1000), "A", 1, expires, w1))))
                .isEqualTo("InvalidCountry");
        assertThat(revertOf(authorityDE, addInvestors(new Registrar.Entry(new byte[32], 276, region("BE"), 1, expires, List.of(w1)))))
                .isEqualTo("ZeroID");
        assertThat(revertOf(authorityDE, addInvestors(entry("m6", DE, "BE", 1, expires, w1, "0x0000000000000000000000000000000000000000"))))
                .isEqualTo("ZeroAddress");
        assertThat(revertOf(authorityDE, addInvestors(entry("m7", DE, "BE", 1, expires, w1), entry("m8", DE, "BE", 1, expires, w1))))
                .as("one wallet for two investors").isEqualTo("AddressRegistered");
        // What cannot be packed at all is refused before anything is sent, naming the investor.
        String[] many = new String[InvestorBatch.MAX_WALLETS + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = wallet();
        }
        assertThat(InvestorBatch.word(entry("max", DE, "BE", 1, expires, java.util.Arrays.copyOf(many, InvestorBatch.MAX_WALLETS)))
                .shiftRight(248)).isEqualTo(BigInteger.valueOf(InvestorBatch.MAX_WALLETS));
        for (var unpackable : List.of(entry("m9", DE, "BE", 1, expires, many), entry("m9", DE, "BE", 256, expires, w1),
                entry("m9", DE, "BE", 1, InvestorBatch.MAX_EXPIRES + 1, w1),
                new Registrar.Entry(id("m9"), 65_536, region("BE"), 1, expires, List.of(w1)))) {
            assertThatThrownBy(() -> InvestorBatch.of(List.of(unpackable))).isInstanceOfSatisfying(Registrar.Refused.class, e -> {
                assertThat(e.error()).isEqualTo("MalformedInvestor");
                assertThat(e.arguments()).containsExactly(Numeric.toHexString(id("m9")));
                assertThat(e.permanent()).isTrue();
            });
        }
    }

    /** With a threshold above one the batch is a vote: countries are checked, nothing is written until the last vote. */
    @Test
    void aBatchBelowTheThresholdIsOnlyAVote() throws Exception {
        String second = accounts.get(7);
        byte[] deId = view().getAuthorityID(authorityDE).send();
        chain.as(registrar, authorityDE).registerAddresses(deId, List.of(second)).send();
        ownerCall(r -> r.setAuthorityThreshold(deId, BigInteger.TWO));
        String w = wallet();
        Call batch = addInvestors(entry("voted", DE, "BE", 1, farFuture(), w));
        assertThat(revertOf(authorityDE, addInvestors(entry("voted", FR, "IDF", 1, farFuture(), w)))).isEqualTo("CountryNotPermitted");
        TransactionReceipt vote = (TransactionReceipt) batch.on(chain.as(registrar, authorityDE)).send();
        assertThat(KYCRegistrar.getMultiSigCallEvents(vote)).hasSize(1);
        assertThat(KYCRegistrar.getNewInvestorEvents(vote)).isEmpty();
        assertThat(view().isRegistered(id("voted")).send()).isFalse();
        TransactionReceipt done = (TransactionReceipt) batch.on(chain.as(registrar, second)).send();
        assertThat(KYCRegistrar.getNewInvestorEvents(done)).hasSize(1);
        assertThat(view().getID(w).send()).isEqualTo(id("voted"));
    }

    /**
     * Owner and authority addresses are marked in the investor address table (so one read tells whether
     * a wallet is free): never an investor's wallet, and the views still answer "no investor" for them.
     */
    @Test
    void ownerAndAuthorityAddressesAreNeverInvestorWallets() throws Exception {
        long expires = farFuture();
        assertThat(revertOf(authorityDE, addInvestors(entry("a1", DE, "BE", 1, expires, authorityFR)))).isEqualTo("AddressRegistered");
        assertThat(revertOf(authorityDE, addInvestors(entry("a1", DE, "BE", 1, expires, owner2)))).isEqualTo("AddressRegistered");
        assertThat(revertOf(authorityDE, r -> r.addInvestor(id("a1"), DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(expires),
                List.of(authorityDE)))).isEqualTo("AddressRegistered");
        String w = wallet();
        chain.as(registrar, authorityDE).addInvestor(id("a2"), DE, region("BE"), BigInteger.ONE, BigInteger.valueOf(expires), List.of(w))
                .send();
        assertThat(revertOf(authorityDE, r -> r.registerAddresses(id("a2"), List.of(authorityFR)))).isEqualTo("AddressRegistered");
        byte[] deId = view().getAuthorityID(authorityDE).send();
        assertThat(revertOf(authorityDE, r -> r.registerAddresses(deId, List.of(w)))).as("an investor's wallet as an authority address")
                .isEqualTo("AddressRegistered");
        Call appoint = r -> r.addAuthority(List.of(w), List.of(US), BigInteger.ONE);
        appoint.on(chain.as(registrar, owner1)).send();
        assertThat(revertOf(owner2, appoint)).as("an investor's wallet as a new authority").isEqualTo("AddressRegistered");
        byte[] none = new byte[32];
        for (String staff : List.of(owner1, authorityDE)) {
            assertThat(view().getID(staff).send()).isEqualTo(none);
            assertThat(view().isPermitted(staff).send()).isFalse();
            assertThat(revertOf(owner3, r -> r.getInvestor(staff))).isEqualTo("AddressNotRegistered");
        }
        var pair = view().getInvestors(authorityDE, w).send();
        assertThat(pair.component1()).extracting(Numeric::toHexString).containsExactly(Numeric.toHexString(none),
                Numeric.toHexString(id("a2")));
        assertThat(pair.component2()).containsExactly(false, true);
        // The marker itself can never become an investor ID.
        byte[] marker = Numeric.toBytesPadded(BigInteger.ONE, 32);
        assertThat(revertOf(authorityDE, addInvestors(new Registrar.Entry(marker, 276, region("BE"), 1, expires, List.of(wallet())))))
                .isEqualTo("IDTaken");
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
    void anInvestorMovingCountryGetsANewIdAndTheOldIdIsRestricted() throws Exception {
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
    void aLostKeyIsRestrictedAndAReplacementAddressKeepsTheSameInvestorId() throws Exception {
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
    void aRestrictedAuthorityBlocksItsInvestorsUntilAnotherAuthorityOrTheOwnersRehomeThem() throws Exception {
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
