package io.kycvault.local;

import io.kycvault.registry.infrastructure.DigestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.web3j.crypto.Sign;

/**
 * A local secp256k1 key that answers exactly like KMS does: random-k ECDSA over the given digest,
 * DER-encoded, s left as it falls (so about half the signatures are high-s), and the public key as
 * DER SubjectPublicKeyInfo. For the laptop stack and tests only (the local chain's registrar
 * authority); KMS signing itself, with a real ECC_SECG_P256K1 key in LocalStack's KMS, is proved by
 * KmsSignerTest — the rest of the signing path (DER parsing, s normalisation, recovery id, address)
 * is the same code either way.
 */
public class LocalKeyDigestSigner implements DigestSigner {

    private static final ECDomainParameters CURVE = new ECDomainParameters(Sign.CURVE_PARAMS.getCurve(),
            Sign.CURVE_PARAMS.getG(), Sign.CURVE_PARAMS.getN(), Sign.CURVE_PARAMS.getH());

    private final BigInteger privateKey;
    private final SecureRandom random = new SecureRandom();

    public LocalKeyDigestSigner(BigInteger privateKey) {
        this.privateKey = privateKey;
    }

    @Override
    public byte[] signDigest(byte[] digest) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(privateKey, CURVE), random));
        BigInteger[] rs = signer.generateSignature(digest);
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(rs[0]));
        v.add(new ASN1Integer(rs[1]));
        try {
            return new DERSequence(v).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] publicKeyDer() {
        byte[] point = Sign.publicPointFromPrivate(privateKey).getEncoded(false);
        try {
            return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    SECObjectIdentifiers.secp256k1), point).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
