package io.kycvault.casefile.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One append-only entry of a case's audit trail. Records of a case form a hash chain: each hash
 * covers the previous record's hash and every field of this record, so a changed, missing or
 * reordered record breaks the chain from that point on.
 */
public record AuditRecord(
        String caseId,
        long sequence,
        Instant at,
        String actor,
        String action,
        String fromStatus,
        String toStatus,
        Map<String, String> details,
        String previousHash,
        String hash) {

    /** Hash of the record before the first one of every case. */
    public static final String GENESIS = "0".repeat(64);

    public AuditRecord {
        details = details == null ? Map.of() : Map.copyOf(new TreeMap<>(details));
    }

    /** Makes the record that follows {@code previousHash} at position {@code sequence}. */
    public static AuditRecord append(String caseId, long sequence, String previousHash, Instant at, String actor,
            String action, String fromStatus, String toStatus, Map<String, String> details) {
        AuditRecord unsealed = new AuditRecord(caseId, sequence, at, actor, action, fromStatus, toStatus, details,
                previousHash, null);
        return new AuditRecord(caseId, sequence, at, actor, action, fromStatus, toStatus, details, previousHash,
                unsealed.computeHash());
    }

    /**
     * SHA-256 over a length-prefixed encoding of every field, so no two different records share an
     * encoding (a plain concatenation would let "ab"+"c" collide with "a"+"bc").
     */
    public String computeHash() {
        StringBuilder canonical = new StringBuilder();
        field(canonical, "v1");
        field(canonical, previousHash);
        field(canonical, caseId);
        field(canonical, Long.toString(sequence));
        field(canonical, at.toString());
        field(canonical, actor);
        field(canonical, action);
        field(canonical, fromStatus);
        field(canonical, toStatus);
        new TreeMap<>(details).forEach((k, v) -> {
            field(canonical, k);
            field(canonical, v);
        });
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(StringBuilder out, String value) {
        String v = value == null ? "\u0000null" : value;
        out.append(v.length()).append(':').append(v).append(';');
    }
}
