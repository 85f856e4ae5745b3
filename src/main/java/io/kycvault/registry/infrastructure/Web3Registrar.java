package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.Registrar;
import io.kycvault.registry.contract.KYCRegistrar;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * The registrar through web3j: views through the generated wrapper, transactions built here
 * (EIP-1559, fees capped, gas estimated first so a revert is caught and decoded before paying for
 * it) and signed by the {@link DigestTransactionSigner}.
 */
public class Web3Registrar implements Registrar {

    /** Custom errors of KYCRegistrar.sol, with whether retrying can ever help. */
    private record ErrorSpec(String name, List<TypeReference<Type>> arguments, boolean permanent) {
    }

    private static final Map<String, ErrorSpec> ERRORS = errors(
            spec("NotAuthority(address)", true), spec("NotOwner(address)", true), spec("AuthorityRestricted(bytes32)", true),
            spec("UnknownAuthority(bytes32)", true), spec("AuthorityExists(bytes32)", true),
            spec("CountryNotPermitted(bytes32,uint16)", true), spec("InvalidCountry(uint16)", true),
            spec("InvalidThreshold(uint32,uint32)", true), spec("InvalidRating()", true), spec("ZeroID()", true),
            spec("EmptyArray()", true), spec("LengthMismatch()", true), spec("InvestorExists(bytes32)", false),
            spec("UnknownInvestor(bytes32)", true), spec("AddressRegistered(address,bytes32)", true),
            spec("AddressNotRegistered(address)", true), spec("RepeatCall(bytes32,address)", false),
            spec("NoVote(bytes32,address)", true), spec("ZeroAddress()", true), spec("IDTaken(bytes32)", true),
            spec("MalformedInvestor(bytes32)", true));

    private final Web3j web3j;
    private final DigestTransactionSigner signer;
    private final KYCRegistrar contract;
    private final String address;
    private final long chainId;
    private final int confirmations;
    private final Duration pollInterval;
    private final BigInteger maxFeeCap;
    private final BigInteger priorityFee;

    public Web3Registrar(Web3j web3j, DigestTransactionSigner signer, String registrarAddress, long chainId, int confirmations,
            Duration pollInterval, BigInteger maxFeeCap, BigInteger priorityFee) {
        this.web3j = web3j;
        this.signer = signer;
        this.address = registrarAddress;
        this.chainId = chainId;
        this.confirmations = Math.max(1, confirmations);
        this.pollInterval = pollInterval;
        this.maxFeeCap = maxFeeCap;
        this.priorityFee = priorityFee;
        this.contract = KYCRegistrar.load(registrarAddress, web3j, new ReadonlyTransactionManager(web3j, signer.getAddress()),
                new DefaultGasProvider());
    }

    @Override
    public Optional<String> unusable() {
        long nodeChain = call(() -> web3j.ethChainId().send().getChainId()).longValueExact();
        if (nodeChain != chainId) {
            return Optional.of("WRONG_CHAIN");
        }
        String code = call(() -> web3j.ethGetCode(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getCode());
        if (code == null || code.equals("0x") || code.isEmpty()) {
            return Optional.of("REGISTRAR_MISSING");
        }
        return Optional.empty();
    }

    @Override
    public boolean isRegistered(byte[] id) {
        return call(() -> contract.isRegistered(id).send());
    }

    @Override
    public Optional<OnChain> investor(byte[] id) {
        if (!isRegistered(id)) {
            return Optional.empty();
        }
        return Optional.of(new OnChain(call(() -> contract.getRating(id).send()).intValueExact(),
                call(() -> contract.getExpires(id).send()).longValueExact(), call(() -> contract.getRegion(id).send())));
    }

    @Override
    public List<String> unbound(byte[] id, List<String> wallets) {
        return wallets.stream().filter(w -> !java.util.Arrays.equals(call(() -> contract.getID(w).send()), id)).toList();
    }

    @Override
    public Prepared prepareRegisterAddresses(byte[] id, List<String> wallets) {
        return prepare(contract.registerAddresses(id, wallets).encodeFunctionCall());
    }

    @Override
    public Optional<Registration> findRegistration(byte[] id) {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, address)
                .addSingleTopic(org.web3j.abi.EventEncoder.encode(KYCRegistrar.NEWINVESTOR_EVENT))
                .addSingleTopic(Numeric.toHexString(id));
        List<EthLog.LogResult> logs = call(() -> web3j.ethGetLogs(filter).send()).getLogs();
        if (logs.isEmpty()) {
            return Optional.empty();
        }
        Log log = (Log) logs.get(0).get();
        return Optional.of(new Registration(log.getTransactionHash(), log.getBlockNumber().longValueExact()));
    }

    @Override
    public Prepared prepareAddInvestors(List<Entry> entries) {
        InvestorBatch batch = InvestorBatch.of(entries);
        return prepare(contract.addInvestors(batch.ids(), batch.words(), batch.moreWallets()).encodeFunctionCall());
    }

    @Override
    public Prepared prepareUpdateInvestor(Entry e) {
        return prepare(contract.updateInvestor(e.id(), e.region(), BigInteger.valueOf(e.rating()), BigInteger.valueOf(e.expires()))
                .encodeFunctionCall());
    }

    /** Also used by the bootstrap and tests to send arbitrary calls as the pipeline's signer. */
    public Prepared prepare(String data) {
        return prepare(address, data, BigInteger.ZERO);
    }

    public Prepared prepare(String to, String data, BigInteger value) {
        var estimate = call(() -> web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(signer.getAddress(), null, null,
                null, to, value, data)).send());
        if (estimate.hasError()) {
            throw refusal(estimate.getError());
        }
        BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN).add(BigInteger.valueOf(10_000));
        BigInteger nonce = call(() -> web3j.ethGetTransactionCount(signer.getAddress(), DefaultBlockParameterName.LATEST).send())
                .getTransactionCount();
        BigInteger baseFee = call(() -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
                .getBlock().getBaseFeePerGas();
        BigInteger priority = priorityFee.min(maxFeeCap);
        BigInteger maxFee = baseFee.multiply(BigInteger.TWO).add(priority).min(maxFeeCap);
        if (maxFee.compareTo(baseFee) < 0) {
            throw new Refused("FeeCapBelowBaseFee", List.of(baseFee.toString()), false);
        }
        RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, to, value, data, priority, maxFee);
        String raw = Numeric.toHexString(signer.sign(tx, chainId));
        return new Prepared(Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(raw))), nonce.longValueExact(), raw);
    }

    @Override
    public void send(Prepared prepared) {
        var sent = call(() -> web3j.ethSendRawTransaction(prepared.rawTransaction()).send());
        if (sent.hasError() && !sent.getError().getMessage().toLowerCase().contains("already")) {
            throw new IllegalStateException("node refused transaction " + prepared.txHash() + ": " + sent.getError().getMessage());
        }
    }

    @Override
    public Optional<Receipt> awaitReceipt(String txHash, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<TransactionReceipt> receipt = call(() -> web3j.ethGetTransactionReceipt(txHash).send()).getTransactionReceipt();
            if (receipt.isPresent()) {
                long block = receipt.get().getBlockNumber().longValueExact();
                long head = call(() -> web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
                if (head - block + 1 >= confirmations) {
                    TransactionReceipt r = receipt.get();
                    return Optional.of(new Receipt(txHash, r.isStatusOK(), block,
                            KYCRegistrar.getNewInvestorEvents(r).stream().map(e -> e.id).toList(),
                            KYCRegistrar.getUpdatedInvestorEvents(r).stream().map(e -> e.id).toList()));
                }
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            sleep();
        } while (true);
    }

    @Override
    public boolean isKnown(String txHash) {
        return call(() -> web3j.ethGetTransactionByHash(txHash).send()).getTransaction().isPresent();
    }

    @Override
    public String signerAddress() {
        return signer.getAddress();
    }

    @Override
    public String address() {
        return address;
    }

    private Refused refusal(org.web3j.protocol.core.Response.Error error) {
        String data = error.getData() == null ? null : error.getData().replace("\"", "");
        if (data != null && data.startsWith("0x") && data.length() >= 10) {
            ErrorSpec spec = ERRORS.get(data.substring(0, 10));
            if (spec != null) {
                List<String> args = FunctionReturnDecoder.decode("0x" + data.substring(10), spec.arguments()).stream()
                        .map(t -> t.getValue() instanceof byte[] b ? Numeric.toHexString(b) : String.valueOf(t.getValue()))
                        .toList();
                return new Refused(spec.name(), args, spec.permanent());
            }
        }
        return new Refused("Reverted", List.of(String.valueOf(error.getMessage())), false);
    }

    private static ErrorSpec spec(String signature, boolean permanent) {
        String name = signature.substring(0, signature.indexOf('('));
        String params = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
        List<TypeReference<Type>> args = new ArrayList<>();
        if (!params.isEmpty()) {
            for (String p : params.split(",")) {
                try {
                    @SuppressWarnings("unchecked")
                    TypeReference<Type> ref = (TypeReference<Type>) TypeReference.makeTypeReference(p);
                    args.add(ref);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new ErrorSpec(signature, args, permanent);
    }

    private static Map<String, ErrorSpec> errors(ErrorSpec... specs) {
        return java.util.Arrays.stream(specs).collect(Collectors.toMap(
                s -> Numeric.toHexString(Hash.sha3(s.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII))).substring(0, 10),
                s -> new ErrorSpec(s.name().substring(0, s.name().indexOf('(')), s.arguments(), s.permanent()),
                (a, b) -> a));
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a receipt", e);
        }
    }

    interface Rpc<T> {
        T get() throws Exception;
    }

    private static <T> T call(Rpc<T> rpc) {
        try {
            return rpc.get();
        } catch (IOException e) {
            throw new Unreachable("Ethereum node unreachable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
