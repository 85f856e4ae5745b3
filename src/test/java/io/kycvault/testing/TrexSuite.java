package io.kycvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.testing.Evm.Artifact;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The real T-REX suite (ERC-3643, {@code @tokenysolutions/t-rex} 4.1.6 as published, with ONCHAINID from
 * {@code @onchain-id/solidity} 2.2.1) deployed on anvil the way T-REX's own test fixture does it: the
 * implementations behind a TREXImplementationAuthority, each registry and each token behind its proxy; one
 * identity registry with its claim topics registry (one topic), trusted issuers registry (one ClaimIssuer) and
 * identity storage; ONCHAINIDs created through an IdFactory. Tokens are added one by one, each with its own
 * modular compliance, and pointed at whichever identity registry a caller names.
 */
public final class TrexSuite {

    public static final String TREX = "@tokenysolutions/t-rex";
    public static final String ONCHAINID = "@onchain-id/solidity";
    /** The claim topic the identity registry requires (T-REX's fixture uses keccak256("CLAIM_TOPIC")). */
    public static final BigInteger KYC_TOPIC = Numeric.toBigInt(Hash.sha3("KYC".getBytes(StandardCharsets.UTF_8)));

    private final Evm evm;
    public final String deployer;
    public final String agent;
    public final String implementationAuthority;
    public final String claimTopicsRegistry;
    public final String trustedIssuersRegistry;
    public final String identityRegistryStorage;
    public final String identityRegistry;
    public final String claimIssuer;
    public final String identityFactory;
    private final ECKeyPair claimSigner;
    private int salt;

    /** A token and its modular compliance. */
    public record Token(String address, String compliance) {
    }

    /** The three steps of T-REX's onboarding of one investor, each a receipt. */
    public record Onboarding(String identity, JsonNode identityCreated, JsonNode claimAdded, JsonNode registered) {
        public long gas() {
            return Evm.gasUsed(identityCreated) + Evm.gasUsed(claimAdded) + Evm.gasUsed(registered);
        }
    }

    private TrexSuite(Evm evm, String deployer, String agent) throws Exception {
        this.evm = evm;
        this.deployer = deployer;
        this.agent = agent;
        String ctrImpl = evm.deployed(deployer, trex("registry/implementation/ClaimTopicsRegistry"));
        String tirImpl = evm.deployed(deployer, trex("registry/implementation/TrustedIssuersRegistry"));
        String irsImpl = evm.deployed(deployer, trex("registry/implementation/IdentityRegistryStorage"));
        String irImpl = evm.deployed(deployer, trex("registry/implementation/IdentityRegistry"));
        String mcImpl = evm.deployed(deployer, trex("compliance/modular/ModularCompliance"));
        String tokenImpl = evm.deployed(deployer, trex("token/Token"));
        implementationAuthority = evm.deployed(deployer, trex("proxy/authority/TREXImplementationAuthority"),
                new Bool(true), new Address(Address.DEFAULT.getValue()), new Address(Address.DEFAULT.getValue()));
        evm.send(deployer, implementationAuthority, "addAndUseTREXVersion",
                new StaticStruct(new Uint8(4), new Uint8(1), new Uint8(6)),
                new StaticStruct(new Address(tokenImpl), new Address(ctrImpl), new Address(irImpl), new Address(irsImpl),
                        new Address(tirImpl), new Address(mcImpl)));
        Address ia = new Address(implementationAuthority);
        claimTopicsRegistry = evm.deployed(deployer, trex("proxy/ClaimTopicsRegistryProxy"), ia);
        trustedIssuersRegistry = evm.deployed(deployer, trex("proxy/TrustedIssuersRegistryProxy"), ia);
        identityRegistryStorage = evm.deployed(deployer, trex("proxy/IdentityRegistryStorageProxy"), ia);
        identityRegistry = evm.deployed(deployer, trex("proxy/IdentityRegistryProxy"), ia, new Address(trustedIssuersRegistry),
                new Address(claimTopicsRegistry), new Address(identityRegistryStorage));
        evm.send(deployer, identityRegistryStorage, "bindIdentityRegistry", new Address(identityRegistry));
        evm.send(deployer, identityRegistry, "addAgent", new Address(agent));

        // The attestation: one required topic, one trusted claim issuer whose signing key signs claims.
        claimSigner = Keys.createEcKeyPair();
        String issuerManager = evm.newAccount();
        claimIssuer = evm.deployed(issuerManager, onchainId("ClaimIssuer"), new Address(issuerManager));
        evm.send(issuerManager, claimIssuer, "addKey", keyOf(Keys.getAddress(claimSigner)), new Uint256(3), new Uint256(1));
        evm.send(deployer, claimTopicsRegistry, "addClaimTopic", new Uint256(KYC_TOPIC));
        evm.send(deployer, trustedIssuersRegistry, "addTrustedIssuer", new Address(claimIssuer),
                new DynamicArray<>(Uint256.class, List.of(new Uint256(KYC_TOPIC))));

        // ONCHAINID: identities are proxies to one Identity implementation, created by the IdFactory.
        String identityImpl = evm.deployed(deployer, onchainId("Identity"), new Address(deployer), new Bool(true));
        String identityAuthority = evm.deployed(deployer, onchainId("proxy/ImplementationAuthority"), new Address(identityImpl));
        identityFactory = evm.deployed(deployer, onchainId("factory/IdFactory"), new Address(identityAuthority));
    }

    /** Deploys the suite; {@code deployer} owns it, {@code agent} is the identity registry's and tokens' agent. */
    public static TrexSuite deploy(Evm evm, String deployer, String agent) {
        try {
            return new TrexSuite(evm, deployer, agent);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Artifact trex(String path) {
        return Evm.artifact(TREX, path);
    }

    public static Artifact onchainId(String path) {
        return Evm.artifact(ONCHAINID, path);
    }

    /**
     * A token behind its TokenProxy with its own ModularComplianceProxy (no modules), decimals 0, created with
     * the suite's identity registry and then pointed at {@code identityRegistry} by its owner
     * ({@code setIdentityRegistry}), agent added, unpaused.
     */
    public Token token(String symbol, String identityRegistry) {
        Address ia = new Address(implementationAuthority);
        String compliance = evm.deployed(deployer, trex("proxy/ModularComplianceProxy"), ia);
        String token = evm.deployed(deployer, trex("proxy/TokenProxy"), ia, new Address(this.identityRegistry),
                new Address(compliance), new Utf8String(symbol + " token"), new Utf8String(symbol), new Uint8(0),
                new Address(Address.DEFAULT.getValue()));
        if (!identityRegistry.equalsIgnoreCase(this.identityRegistry)) {
            evm.send(deployer, token, "setIdentityRegistry", new Address(identityRegistry));
        }
        evm.send(deployer, token, "addAgent", new Address(agent));
        evm.send(agent, token, "unpause");
        return new Token(token, compliance);
    }

    /** Creates the wallet's ONCHAINID through the IdFactory (the factory's owner, the deployer, sends it). */
    public JsonNode createIdentity(String wallet) {
        return evm.send(deployer, identityFactory, "createIdentity", new Address(wallet), new Utf8String("investor-" + salt++));
    }

    public String identityOf(String wallet) {
        return (String) evm.value(identityFactory, "getIdentity", TypeReference.create(Address.class), new Address(wallet));
    }

    /** The trusted issuer signs a KYC claim for the identity; the wallet (its management key) adds it. */
    public JsonNode addClaim(String wallet, String identity) {
        byte[] data = "KYC passed".getBytes(StandardCharsets.UTF_8);
        // abi.encode(address, uint256, bytes): the bytes are dynamic, so an offset (0x60) precedes their length and data.
        String abiEncoded = TypeEncoder.encode(new Address(identity)) + TypeEncoder.encode(new Uint256(KYC_TOPIC))
                + TypeEncoder.encode(new Uint256(96)) + TypeEncoder.encode(new DynamicBytes(data));
        byte[] hash = Hash.sha3(Numeric.hexStringToByteArray(abiEncoded));
        Sign.SignatureData s = Sign.signPrefixedMessage(hash, claimSigner);
        byte[] signature = new byte[65];
        System.arraycopy(s.getR(), 0, signature, 0, 32);
        System.arraycopy(s.getS(), 0, signature, 32, 32);
        signature[64] = s.getV()[0];
        return evm.send(wallet, identity, "addClaim", new Uint256(KYC_TOPIC), new Uint256(1), new Address(claimIssuer),
                new DynamicBytes(signature), new DynamicBytes(data), new Utf8String(""));
    }

    /** The agent registers the wallet with its identity and country in the suite's identity registry. */
    public JsonNode registerIdentity(String wallet, String identity, int country) {
        return evm.send(agent, identityRegistry, "registerIdentity", new Address(wallet), new Address(identity), new Uint16(country));
    }

    /** T-REX's full onboarding of one investor: ONCHAINID creation, KYC claim, registration. */
    public Onboarding onboard(String wallet, int country) {
        JsonNode created = createIdentity(wallet);
        String identity = identityOf(wallet);
        JsonNode claim = addClaim(wallet, identity);
        JsonNode registered = registerIdentity(wallet, identity, country);
        return new Onboarding(identity, created, claim, registered);
    }

    public boolean isVerified(String registry, String wallet) {
        return (Boolean) evm.value(registry, "isVerified", TypeReference.create(Bool.class), new Address(wallet));
    }

    public BigInteger balanceOf(Token token, String wallet) {
        return (BigInteger) evm.value(token.address(), "balanceOf", TypeReference.create(Uint256.class), new Address(wallet));
    }

    public JsonNode mint(Token token, String to, long amount) {
        return evm.attempt(agent, token.address(), "mint", new Address(to), new Uint256(amount));
    }

    public JsonNode transfer(Token token, String from, String to, long amount) {
        return evm.attempt(from, token.address(), "transfer", new Address(to), new Uint256(amount));
    }

    /** Why a transfer would be refused now (T-REX's revert string), or null when it would go through. */
    public String refusal(Token token, String from, String to, long amount) {
        return Evm.reason(evm.revert(from, token.address(), Evm.encode("transfer", new Address(to), new Uint256(amount))));
    }

    /** keccak256(abi.encode(address)): how ONCHAINID names an address's key. */
    static org.web3j.abi.datatypes.generated.Bytes32 keyOf(String address) {
        return new org.web3j.abi.datatypes.generated.Bytes32(Hash.sha3(Numeric.hexStringToByteArray(TypeEncoder.encode(new Address(address)))));
    }
}
