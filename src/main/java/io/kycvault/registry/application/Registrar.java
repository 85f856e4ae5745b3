package io.kycvault.registry.application;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The KYCRegistrar contract on chain, as the registration use case needs it. */
public interface Registrar {

    /** One investor to add: ID, ISO numeric country, bytes3 region, rating 1-255, expiry (epoch seconds), wallets. */
    record Entry(byte[] id, int country, byte[] region, int rating, long expires, List<String> wallets) {
    }

    /** A signed transaction, not yet sent: its hash is known before it reaches the node. */
    record Prepared(String txHash, long nonce, String rawTransaction) {
    }

    /** Where an investor's NewInvestor event was found. */
    record Registration(String txHash, long block) {
    }

    record Receipt(String txHash, boolean success, long block, List<byte[]> newInvestors, List<byte[]> updatedInvestors) {
    }

    /** The contract refused the call; {@code permanent} errors will not go away by retrying. */
    final class Refused extends RuntimeException {
        private final String error;
        private final List<String> arguments;
        private final boolean permanent;

        public Refused(String error, List<String> arguments, boolean permanent) {
            super(error + arguments, null, false, false);
            this.error = error;
            this.arguments = List.copyOf(arguments);
            this.permanent = permanent;
        }

        public String error() {
            return error;
        }

        public List<String> arguments() {
            return arguments;
        }

        public boolean permanent() {
            return permanent;
        }
    }

    /** The node did not answer (refused, reset, timed out): transient, the work is retried with backoff. */
    final class Unreachable extends RuntimeException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An investor's record as the registrar holds it. */
    record OnChain(int rating, long expires, byte[] region) {
    }

    boolean isRegistered(byte[] id);

    /**
     * Why this node cannot be the registrar's chain, if it cannot: {@code WRONG_CHAIN} (another chain
     * id) or {@code REGISTRAR_MISSING} (no code at the registrar's address: a reset or another chain).
     * A node that does not answer throws instead: that is transient.
     */
    Optional<String> unusable();

    Optional<OnChain> investor(byte[] id);

    /** The wallets not (yet) bound to this investor ID. */
    List<String> unbound(byte[] id, List<String> wallets);

    Prepared prepareRegisterAddresses(byte[] id, List<String> wallets);

    Optional<Registration> findRegistration(byte[] id);

    /** Estimates (so a revert is refused here, decoded), prices with EIP-1559 fees under the cap, and signs. */
    Prepared prepareAddInvestors(List<Entry> entries);

    Prepared prepareUpdateInvestor(Entry entry);

    void send(Prepared prepared);

    /** The receipt once it has the configured confirmations, or empty after the timeout. */
    Optional<Receipt> awaitReceipt(String txHash, Duration timeout);

    /** True while the node knows the transaction (pending or mined). */
    boolean isKnown(String txHash);

    String signerAddress();

    /** The registrar contract's address. */
    String address();
}
