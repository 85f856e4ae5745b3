package io.kycvault.audit.model;

import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.ChainHead;
import java.util.ArrayList;
import java.util.List;

/** Recomputes a case's hash chain and names every place where it does not hold. */
public final class AuditChain {

    /**
     * CHANGED … BROKEN_LINK: the chain does not hold in itself. REWRITTEN, TRUNCATED, VANISHED: it
     * holds, but not against the signed checkpoint (recomputed after a rewrite, cut, or deleted).
     * FORGED_DECISION: a vote record whose statement is not signed by the review function's key.
     * APPROVAL_NOT_PROVEN: an approval without two signed agreeing votes of two other people.
     * CHECKPOINT_INVALID: the latest checkpoint's signature or name does not hold.
     */
    public enum Finding { CHANGED, MISSING, REORDERED, BROKEN_LINK, REWRITTEN, TRUNCATED, VANISHED, FORGED_DECISION,
        APPROVAL_NOT_PROVEN, CHECKPOINT_INVALID }

    public record Problem(long sequence, Finding finding, String detail) {
    }

    public record Verdict(boolean intact, int records, String headHash, List<Problem> problems) {
    }

    private AuditChain() {
    }

    /**
     * The chain against its anchor in the latest checkpoint: it must still pass through the
     * anchored head at the anchored length. Records after the anchor are not yet anchored.
     */
    public static List<Problem> againstAnchor(List<AuditRecord> records, ChainHead anchor) {
        if (anchor == null) {
            return List.of();
        }
        var atAnchor = records.stream().filter(r -> r.sequence() == anchor.sequence()).findFirst();
        if (atAnchor.isEmpty()) {
            long last = records.stream().mapToLong(AuditRecord::sequence).max().orElse(0);
            return List.of(new Problem(last + 1, Finding.TRUNCATED, "the chain ends at record " + last + "; the checkpoint anchored "
                    + anchor.sequence()));
        }
        if (!atAnchor.get().hash().equals(anchor.head())) {
            return List.of(new Problem(anchor.sequence(), Finding.REWRITTEN,
                    "record " + anchor.sequence() + " is not the head the checkpoint anchored: the chain was rewritten"));
        }
        return List.of();
    }

    /** Records appended after the anchor (all of them when the case is younger than the checkpoint). */
    public static long unanchored(List<AuditRecord> records, ChainHead anchor) {
        long anchored = anchor == null ? 0 : anchor.sequence();
        return records.stream().filter(r -> r.sequence() > anchored).count();
    }

    /**
     * @param records the records as stored, in storage order (sorted by sequence key)
     * @param expectedHead the head hash and count the case item says it has, or null if unknown
     */
    public static Verdict verify(List<AuditRecord> records, String expectedHead, Long expectedCount) {
        List<Problem> problems = new ArrayList<>();
        String previous = AuditRecord.GENESIS;
        long expectedSequence = 1;
        for (AuditRecord record : records) {
            if (record.sequence() < expectedSequence) {
                problems.add(new Problem(record.sequence(), Finding.REORDERED,
                        "sequence " + record.sequence() + " appears after " + (expectedSequence - 1)));
            } else if (record.sequence() > expectedSequence) {
                problems.add(new Problem(expectedSequence, Finding.MISSING,
                        "records " + expectedSequence + ".." + (record.sequence() - 1) + " are absent"));
            }
            if (!record.computeHash().equals(record.hash())) {
                problems.add(new Problem(record.sequence(), Finding.CHANGED, "stored hash does not match the record's content"));
            } else if (!previous.equals(record.previousHash())) {
                problems.add(new Problem(record.sequence(), Finding.BROKEN_LINK,
                        "previous-hash does not match the record before it"));
            }
            previous = record.hash();
            expectedSequence = Math.max(expectedSequence, record.sequence() + 1);
        }
        if (expectedCount != null && expectedCount >= expectedSequence) {
            problems.add(new Problem(expectedSequence, Finding.MISSING,
                    "records " + expectedSequence + ".." + expectedCount + " are absent at the end"));
        }
        if (expectedHead != null && problems.isEmpty() && !expectedHead.equals(previous)) {
            problems.add(new Problem(expectedSequence - 1, Finding.CHANGED, "the last record is not the case's recorded head"));
        }
        return new Verdict(problems.isEmpty(), records.size(), previous, List.copyOf(problems));
    }
}
