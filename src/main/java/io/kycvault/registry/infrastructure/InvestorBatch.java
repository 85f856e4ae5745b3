package io.kycvault.registry.infrastructure;

import io.kycvault.registry.application.Registrar;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * The arguments of {@code KYCRegistrar.addInvestors}: per investor its ID and one packed word, and the
 * wallets after each investor's first, flat. The word, from the high bits down (KYCRegistrar.sol):
 * wallet count (8 bits), rating expiry (40), rating (8), country (16), region (24), first wallet (160).
 * An entry that does not fit is refused as {@code MalformedInvestor} naming its ID, the error the
 * contract gives for a malformed word, so the chain function parks exactly that case.
 */
public record InvestorBatch(List<byte[]> ids, List<BigInteger> words, List<String> moreWallets) {

    public static final int MAX_WALLETS = 0xff;
    public static final long MAX_EXPIRES = (1L << 40) - 1;

    public static InvestorBatch of(List<Registrar.Entry> entries) {
        List<byte[]> ids = new ArrayList<>(entries.size());
        List<BigInteger> words = new ArrayList<>(entries.size());
        List<String> more = new ArrayList<>();
        for (Registrar.Entry e : entries) {
            ids.add(e.id());
            words.add(word(e));
            if (e.wallets().size() > 1) {
                more.addAll(e.wallets().subList(1, e.wallets().size()));
            }
        }
        return new InvestorBatch(ids, words, more);
    }

    /** The packed word of one investor. */
    public static BigInteger word(Registrar.Entry e) {
        int wallets = e.wallets().size();
        if (wallets > MAX_WALLETS || e.rating() < 0 || e.rating() > 0xff || e.expires() < 0 || e.expires() > MAX_EXPIRES
                || e.country() < 0 || e.country() > 0xffff || e.region() == null || e.region().length != 3) {
            throw new Registrar.Refused("MalformedInvestor", List.of(Numeric.toHexString(e.id())), true);
        }
        BigInteger first = wallets == 0 ? BigInteger.ZERO : Numeric.toBigInt(e.wallets().get(0));
        if (first.bitLength() > 160) {
            throw new Registrar.Refused("MalformedInvestor", List.of(Numeric.toHexString(e.id())), true);
        }
        BigInteger meta = BigInteger.valueOf(wallets).shiftLeft(40).or(BigInteger.valueOf(e.expires()))
                .shiftLeft(8).or(BigInteger.valueOf(e.rating()))
                .shiftLeft(16).or(BigInteger.valueOf(e.country()))
                .shiftLeft(24).or(new BigInteger(1, e.region()));
        return meta.shiftLeft(160).or(first);
    }
}
