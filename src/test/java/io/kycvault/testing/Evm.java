package io.kycvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Keys;

/**
 * Contracts known only by their ABI and bytecode (the T-REX and ONCHAINID artifacts shipped in their npm
 * packages, the test contracts compiled into target/test-contracts) driven over JSON-RPC on anvil: deploy,
 * send as an unlocked or impersonated account, call, and read what a refused call reverts with.
 */
public final class Evm {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Explicit gas, so a transaction that reverts is mined (status 0) rather than refused by estimation. */
    private static final java.util.regex.Pattern REVERT_DATA = java.util.regex.Pattern.compile("\"data\":\"(0x[0-9a-fA-F]*)\"");
    private static final String GAS_LIMIT = "0xe4e1c0"; // 15,000,000

    private final Chain chain;

    public Evm(Chain chain) {
        this.chain = chain;
    }

    public Chain chain() {
        return chain;
    }

    /** A Hardhat artifact: the ABI and the creation bytecode. */
    public record Artifact(String name, JsonNode abi, String bytecode) {
    }

    /** {@code node_modules/<package>/artifacts/contracts/<path>.sol/<Name>.json}, e.g. ("@tokenysolutions/t-rex", "token/Token"). */
    public static Artifact artifact(String npmPackage, String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        Path file = Path.of("node_modules", npmPackage, "artifacts", "contracts", path + ".sol", name + ".json");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run the tests through bin/test, which installs the npm packages");
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            return new Artifact(name, json.get("abi"), json.get("bytecode").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A contract compiled from src/test/solidity by the build (target/test-contracts). */
    public static Artifact testContract(String name) {
        try {
            Path dir = Path.of("target", "test-contracts");
            return new Artifact(name, JSON.readTree(dir.resolve(name + ".abi").toFile()),
                    "0x" + Files.readString(dir.resolve(name + ".bin")).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh address with 100 ETH that anvil lets us send from (impersonation). */
    public String newAccount() {
        try {
            String address = Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
            fund(address);
            return address;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets anvil send from an address whose key we hold elsewhere (or not at all). */
    public void fund(String address) {
        chain.rpc("anvil_impersonateAccount", address);
        chain.rpc("anvil_setBalance", address, "0x56bc75e2d63100000");
    }

    /** Deploys and returns the receipt; its contractAddress is the contract. Fails when the constructor reverts. */
    public JsonNode deploy(String from, Artifact artifact, Type<?>... args) {
        String data = artifact.bytecode() + FunctionEncoder.encodeConstructor(Arrays.asList(args));
        JsonNode receipt = transact(from, null, data);
        if (!succeeded(receipt)) {
            throw new IllegalStateException("deploying " + artifact.name() + " reverted");
        }
        return receipt;
    }

    public String deployed(String from, Artifact artifact, Type<?>... args) {
        return deploy(from, artifact, args).get("contractAddress").asText();
    }

    /** Sends a call and returns its receipt; fails, naming the revert, when it reverts. */
    public JsonNode send(String from, String to, String function, Type<?>... args) {
        JsonNode receipt = attempt(from, to, function, args);
        if (!succeeded(receipt)) {
            throw new IllegalStateException(function + " reverted: " + revert(from, to, encode(function, args)));
        }
        return receipt;
    }

    /** Sends a call and returns its receipt whatever happened (status 0x0 when it reverted). */
    public JsonNode attempt(String from, String to, String function, Type<?>... args) {
        return transact(from, to, encode(function, args));
    }

    public static boolean succeeded(JsonNode receipt) {
        return "0x1".equals(receipt.get("status").asText());
    }

    public static long gasUsed(JsonNode receipt) {
        return Long.decode(receipt.get("gasUsed").asText());
    }

    public static String encode(String function, Type<?>... args) {
        return FunctionEncoder.encode(new Function(function, Arrays.asList(args), List.of()));
    }

    /** eth_call of a view; the outputs decoded with the given types. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List<Type> call(String to, String function, List<TypeReference<?>> outputs, Type<?>... args) {
        Function f = new Function(function, Arrays.asList(args), (List) outputs);
        String result = chain.rpc("eth_call", Map.of("to", to, "data", FunctionEncoder.encode(f)), "latest").asText();
        return FunctionReturnDecoder.decode(result, f.getOutputParameters());
    }

    public Object value(String to, String function, TypeReference<?> output, Type<?>... args) {
        return call(to, function, List.of(output), args).get(0).getValue();
    }

    /** The revert data a call would produce now (hex, "0x" for a bare revert), or null when it would succeed. */
    public String revert(String from, String to, String data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from);
        tx.put("to", to);
        tx.put("data", data);
        try {
            chain.rpc("eth_call", tx, "latest");
            return null;
        } catch (IllegalStateException e) {
            java.util.regex.Matcher revert = REVERT_DATA.matcher(e.getMessage());
            return revert.find() ? revert.group(1) : "0x";
        }
    }

    /** Error(string) revert data decoded to its message, else the raw data. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static String reason(String revertData) {
        if (revertData != null && revertData.startsWith("0x08c379a0")) {
            List<Type> decoded = FunctionReturnDecoder.decode("0x" + revertData.substring(10),
                    (List) List.of(TypeReference.create(org.web3j.abi.datatypes.Utf8String.class)));
            return decoded.get(0).getValue().toString();
        }
        return revertData;
    }

    private JsonNode transact(String from, String to, String data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from);
        if (to != null) {
            tx.put("to", to);
        }
        tx.put("data", data);
        tx.put("gas", GAS_LIMIT);
        String hash = chain.rpc("eth_sendTransaction", tx).asText();
        for (int i = 0; i < 100; i++) {
            JsonNode receipt = chain.rpc("eth_getTransactionReceipt", hash);
            if (receipt != null && !receipt.isNull()) {
                return receipt;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no receipt for " + hash);
    }

    /** The call frames of a mined transaction (callTracer), flattened depth-first: [to, input selector, gasUsed]. */
    public List<JsonNode> callFrames(String transactionHash) {
        JsonNode root = chain.rpc("debug_traceTransaction", transactionHash, Map.of("tracer", "callTracer"));
        List<JsonNode> out = new java.util.ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode frame, List<JsonNode> out) {
        out.add(frame);
        if (frame.has("calls")) {
            frame.get("calls").forEach(c -> collect(c, out));
        }
    }
}
