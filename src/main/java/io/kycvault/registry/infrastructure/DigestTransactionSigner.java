package io.kycvault.registry.infrastructure;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.service.TxSignService;
import org.web3j.utils.Numeric;

/**
 * web3j's signing-service interface over a {@link DigestSigner} (KMS in AWS): keccak-256 of the
 * unsigned transaction, signed as a digest; the DER signature parsed; s moved to the lower half of
 * the curve order (EIP-2, the node refuses high-s); the recovery id found by recovering against the
 * signer's public key; the address derived from that public key.
 */
public class DigestTransactionSigner implements TxSignService {

    private final DigestSigner signer;
    private final BigInteger publicKey;
    private final String address;
    /** How many signatures came back high-s and were normalised (observability and tests). */
    private final AtomicLong highS = new AtomicLong();

    public DigestTransactionSigner(DigestSigner signer) {
        this.signer = signer;
        this.publicKey = publicKey(signer.publicKeyDer());
        this.address = Keys.toChecksumAddress(Keys.getAddress(publicKey));
    }

    @Override
    public byte[] sign(RawTransaction transaction, long chainId) {
        // Typed transactions (EIP-1559) carry the chain id inside; legacy ones sign it per EIP-155.
        byte[] digest = transaction.getType().isLegacy()
                ? Hash.sha3(TransactionEncoder.encode(transaction, chainId))
                : Hash.sha3(TransactionEncoder.encode(transaction));
        Sign.SignatureData signature = signatureFor(digest);
        if (transaction.getType().isLegacy()) {
            signature = TransactionEncoder.createEip155SignatureData(signature, chainId);
        }
        return TransactionEncoder.encode(transaction, signature);
    }

    /** Signs a 32-byte digest; v is 27 or 28. */
    public Sign.SignatureData signatureFor(byte[] digest) {
        ECDSASignature raw = parseDer(signer.signDigest(digest));
        ECDSASignature canonical = raw.toCanonicalised();
        if (canonical.s.compareTo(raw.s) != 0) {
            highS.incrementAndGet();
        }
        for (int recId = 0; recId < 2; recId++) {
            BigInteger recovered = Sign.recoverFromSignature(recId, canonical, digest);
            if (publicKey.equals(recovered)) {
                return new Sign.SignatureData((byte) (27 + recId), Numeric.toBytesPadded(canonical.r, 32),
                        Numeric.toBytesPadded(canonical.s, 32));
            }
        }
        throw new IllegalStateException("signature does not recover to the signer's public key");
    }

    @Override
    public String getAddress() {
        return address;
    }

    public long highSignaturesNormalised() {
        return highS.get();
    }

    static ECDSASignature parseDer(byte[] der) {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(der);
            if (sequence.size() != 2) {
                throw new IllegalArgumentException("DER signature must hold r and s");
            }
            BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
            BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
            BigInteger n = Sign.CURVE_PARAMS.getN();
            if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
                throw new IllegalArgumentException("signature values out of range");
            }
            return new ECDSASignature(r, s);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a DER ECDSA signature", e);
        }
    }

    /** The 64-byte public key (x ‖ y) from DER SubjectPublicKeyInfo, as web3j represents it. */
    static BigInteger publicKey(byte[] spkiDer) {
        try {
            byte[] point = SubjectPublicKeyInfo.getInstance(spkiDer).getPublicKeyData().getBytes();
            if (point.length != 65 || point[0] != 0x04) {
                throw new IllegalArgumentException("expected an uncompressed secp256k1 point");
            }
            return new BigInteger(1, Arrays.copyOfRange(point, 1, 65));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("public key is not DER SubjectPublicKeyInfo", e);
        }
    }

}
