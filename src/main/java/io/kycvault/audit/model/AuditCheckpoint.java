package io.kycvault.audit.model;

import io.kycvault.casefile.model.ChainHead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The heads of every case's audit chain at one moment, and the set of case ids: signed with a KMS
 * key only the checkpoint function may use and kept in a bucket under Object Lock, outside the table
 * any writer could rewrite. A chain that no longer reaches its anchored head was rewritten or cut; a
 * case in the checkpoint but gone from the table vanished.
 */
public record AuditCheckpoint(String id, Instant takenAt, SortedMap<String, ChainHead> cases) {

    public AuditCheckpoint {
        cases = new TreeMap<>(cases);
    }

    public static AuditCheckpoint of(String id, Instant takenAt, Map<String, ChainHead> cases) {
        return new AuditCheckpoint(id, takenAt, new TreeMap<>(cases));
    }

    /**
     * The object name it is kept under: newest first in a listing (inverted milliseconds), and bound
     * to the content, so an older checkpoint copied over a newer name is caught.
     */
    public String objectName() {
        return String.format("checkpoints/%013d-%s.json", 9_999_999_999_999L - takenAt.toEpochMilli(), id);
    }

    /** What is signed: versioned, length-prefixed, cases in id order. */
    public byte[] canonical() {
        StringBuilder out = new StringBuilder();
        field(out, "kyc-vault-checkpoint/1");
        field(out, id);
        field(out, takenAt.toString());
        field(out, Integer.toString(cases.size()));
        cases.forEach((caseId, anchor) -> {
            field(out, caseId);
            field(out, Long.toString(anchor.sequence()));
            field(out, anchor.head());
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder out, String value) {
        String v = value == null ? "\u0000null" : value;
        out.append(v.length()).append(':').append(v).append(';');
    }
}
