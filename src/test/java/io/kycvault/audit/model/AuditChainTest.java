package io.kycvault.audit.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.casefile.model.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static List<AuditRecord> chain(int length) {
        List<AuditRecord> records = new ArrayList<>();
        String previous = AuditRecord.GENESIS;
        for (int i = 1; i <= length; i++) {
            AuditRecord r = AuditRecord.append("case-1", i, previous, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
                    "actor-" + i, "ACTION_" + i, "DRAFT", "DRAFT", Map.of("n", Integer.toString(i)));
            records.add(r);
            previous = r.hash();
        }
        return records;
    }

    @Test
    void untouchedChainVerifies() {
        List<AuditRecord> records = chain(5);
        var verdict = AuditChain.verify(records, records.get(4).hash(), 5L);
        assertThat(verdict.intact()).isTrue();
        assertThat(verdict.problems()).isEmpty();
    }

    @Test
    void changedFieldIsNamed() {
        List<AuditRecord> records = chain(5);
        AuditRecord r = records.get(2);
        records.set(2, new AuditRecord(r.caseId(), r.sequence(), r.at(), "mallory", r.action(), r.fromStatus(), r.toStatus(),
                r.details(), r.previousHash(), r.hash()));
        var verdict = AuditChain.verify(records, records.get(4).hash(), 5L);
        assertThat(verdict.problems()).extracting(AuditChain.Problem::sequence, AuditChain.Problem::finding)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, AuditChain.Finding.CHANGED));
    }

    @Test
    void deletedRecordIsNamed() {
        List<AuditRecord> records = chain(5);
        records.remove(1);
        var verdict = AuditChain.verify(records, records.get(3).hash(), 5L);
        assertThat(verdict.problems()).extracting(AuditChain.Problem::finding).contains(AuditChain.Finding.MISSING);
        assertThat(verdict.problems().get(0).sequence()).isEqualTo(2L);
    }

    @Test
    void deletedLastRecordIsNamed() {
        List<AuditRecord> records = chain(5);
        String head = records.get(4).hash();
        records.remove(4);
        var verdict = AuditChain.verify(records, head, 5L);
        assertThat(verdict.problems()).extracting(AuditChain.Problem::finding).containsExactly(AuditChain.Finding.MISSING);
    }

    @Test
    void reorderedRecordsAreNamed() {
        List<AuditRecord> records = chain(5);
        AuditRecord third = records.remove(2);
        records.add(3, third);
        var verdict = AuditChain.verify(records, records.get(4).hash(), 5L);
        assertThat(verdict.problems()).extracting(AuditChain.Problem::finding).contains(AuditChain.Finding.REORDERED);
    }
}
