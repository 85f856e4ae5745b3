package io.kycvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.registry.contract.KYCRegistrar;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ClientTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;

/** A local anvil node for tests: process control, anvil's test RPCs, and the registrar as an owner sees it. */
public final class Chain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static final StaticEIP1559GasProvider GAS = new StaticEIP1559GasProvider(31337, BigInteger.valueOf(30_000_000_000L),
            BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(12_000_000));

    private final String endpoint;
    private final Web3j web3j;

    public Chain(String endpoint) {
        this.endpoint = endpoint;
        this.web3j = Web3j.build(new HttpService(endpoint));
    }

    public Web3j web3j() {
        return web3j;
    }

    /** Starts anvil (the platform binary shipped in node_modules) on a port, with a state file. */
    public static Process start(int port, Path state) {
        Path binary = LocalStack.anvilBinary();
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: run the tests through bin/test, which installs it");
        }
        try {
            Files.createDirectories(Path.of("target"));
            Process p = new ProcessBuilder(binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--chain-id", "31337", "--accounts", "10", "--state", state.toAbsolutePath().toString(), "--silent")
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "anvil-" + port + ".log").toFile()).start();
            LocalStack.waitForPort(port, p);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode rpc(String method, Object... params) {
        try {
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", Arrays.asList(params)));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(r.body());
            if (json.has("error")) {
                throw new IllegalStateException(method + ": " + json.get("error"));
            }
            return json.get("result");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<String> accounts() {
        List<String> out = new ArrayList<>();
        rpc("eth_accounts").forEach(a -> out.add(a.asText()));
        return out;
    }

    public void automine(boolean on) {
        rpc("evm_setAutomine", on);
    }

    public void mine() {
        rpc("evm_mine");
    }

    public void increaseTime(long seconds) {
        rpc("evm_increaseTime", seconds);
        mine();
    }

    public String snapshot() {
        return rpc("evm_snapshot").asText();
    }

    public void revert(String snapshot) {
        rpc("evm_revert", snapshot);
    }

    public long blockTimestamp() {
        return Long.decode(rpc("eth_getBlockByNumber", "latest", false).get("timestamp").asText());
    }

    /** The registrar, sending as an unlocked node account (an owner or an authority). */
    public KYCRegistrar as(String registrar, String account) {
        return KYCRegistrar.load(registrar, web3j, new ClientTransactionManager(web3j, account, 600, 50), GAS);
    }

    public KYCRegistrar view(String registrar) {
        return KYCRegistrar.load(registrar, web3j, new ReadonlyTransactionManager(web3j, accounts().get(0)), GAS);
    }

    /** All logs of a contract so far. */
    public List<JsonNode> logs(String address) {
        List<JsonNode> out = new ArrayList<>();
        rpc("eth_getLogs", Map.of("fromBlock", "0x0", "toBlock", "latest", "address", address)).forEach(out::add);
        return out;
    }
}
