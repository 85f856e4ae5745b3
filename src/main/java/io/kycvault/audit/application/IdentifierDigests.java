package io.kycvault.audit.application;

import io.kycvault.audit.model.IdentifierDigest;
import java.util.List;

/** Keyed digests of wallet addresses and investor IDs ({@link IdentifierDigest}), as lower-case hex. */
public interface IdentifierDigests {

    String digest(IdentifierDigest.Kind kind, String value);

    default String wallet(String address) {
        return digest(IdentifierDigest.Kind.WALLET, address);
    }

    default String investorId(String idHex) {
        return digest(IdentifierDigest.Kind.INVESTOR_ID, idHex);
    }

    /** One digest per wallet, comma-separated, in the wallets' order. */
    default String wallets(List<String> addresses) {
        return String.join(",", addresses.stream().map(this::wallet).toList());
    }
}
