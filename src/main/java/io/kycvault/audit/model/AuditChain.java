package io.kycvault.audit.model;

import java.util.ArrayList;
import java.util.List;

/** Recomputes a case's hash chain and names every place where it does not hold. */
public final class AuditChain {

    public enum Finding { CHANGED, MISSING, REORDERED, BROKEN_LINK }

    public record Problem(long sequence, Finding finding, String detail) {
    }

    public record Verdict(boolean intact, int records, String headHash, List<Problem> problems) {
    }

    private AuditChain() {
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
