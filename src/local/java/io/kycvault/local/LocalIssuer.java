package io.kycvault.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A stand-in for the Cognito user pool on a laptop: signs RS256 tokens for any subject and groups
 * but a disabled one ({@link LocalUserDirectory}), and verifies them the way API Gateway's JWT
 * authorizer does (signature, issuer, audience, expiry; not revocation). Verified claims come out
 * flattened as API Gateway passes them to a function.
 */
public final class LocalIssuer {

    /** Why a token was refused; the gateway answers 401 for every one. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The subject's user is disabled: Cognito would not sign them in, so no token is minted. */
    public static final class Disabled extends RuntimeException {
        public Disabled(String subject) {
            super("user " + subject + " is disabled", null, false, false);
        }
    }

    private final RSAKey key;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Predicate<String> disabled;

    public LocalIssuer(RSAKey key, String issuer, String audience, Clock clock) {
        this(key, issuer, audience, clock, subject -> false);
    }

    public LocalIssuer(RSAKey key, String issuer, String audience, Clock clock, Predicate<String> disabled) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
        this.disabled = disabled;
    }

    /** Loads the signing key from {@code directory}, creating it on first use. */
    public static RSAKey loadOrCreateKey(Path directory) {
        Path file = directory.resolve("signing-key.jwk.json");
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            Files.createDirectories(directory);
            RSAKey created = new RSAKeyGenerator(2048).keyID("local-" + Instant.now().getEpochSecond()).generate();
            Path temp = Files.createTempFile(directory, "key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(temp, created.toJSONString());
            try {
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
            }
            return RSAKey.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("local issuer key unusable: " + file, e);
        }
    }

    public String mint(String subject, List<String> groups, Duration validFor) {
        return mint(subject, groups, validFor, audience, key);
    }

    /** A token that also answers an OpenID Connect authorization request: its {@code nonce} echoed (LocalAuthorizationCodes). */
    public String mint(String subject, List<String> groups, Duration validFor, String nonce) {
        return mint(subject, groups, validFor, audience, key, nonce);
    }

    /** Also used by tests to make tokens the gateway must refuse (foreign key, wrong audience, expired). */
    public String mint(String subject, List<String> groups, Duration validFor, String tokenAudience, RSAKey signingKey) {
        return mint(subject, groups, validFor, tokenAudience, signingKey, null);
    }

    private String mint(String subject, List<String> groups, Duration validFor, String tokenAudience, RSAKey signingKey, String nonce) {
        if (disabled.test(subject)) {
            throw new Disabled(subject);
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(tokenAudience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(validFor)))
                .claim("token_use", "id");
        if (groups != null && !groups.isEmpty()) {
            claims.claim("cognito:groups", groups);
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies a bearer token and returns its claims in API Gateway's flattened form. */
    public Map<String, String> verify(String token) throws Refused {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new Refused("malformed token");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new Refused("unexpected signing algorithm");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                throw new Refused("bad signature");
            }
        } catch (JOSEException e) {
            throw new Refused("bad signature");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("malformed claims");
        }
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            throw new Refused("wrong issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new Refused("wrong audience");
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
            throw new Refused("expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now)) {
            throw new Refused("not yet valid");
        }
        Map<String, String> flat = new HashMap<>();
        claims.getClaims().forEach((name, value) -> flat.put(name, flatten(value)));
        return flat;
    }

    /** API Gateway renders arrays as {@code [a b]} and dates as epoch seconds. */
    private static String flatten(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]";
        }
        if (value instanceof Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        return String.valueOf(value);
    }

    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }
}
