package io.kycvault.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.audit.application.AuditConfig;
import io.kycvault.audit.application.TakingCheckpoint;
import io.kycvault.audit.infrastructure.KmsStatementSignatures;
import io.kycvault.audit.infrastructure.S3CheckpointArchive;
import io.kycvault.shared.AwsCallCounter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * One audit checkpoint over N cases, on the local stack: the case items' scan (DynamoDB Local), the
 * signature (LocalStack's KMS, ECC_NIST_P256) and the object under Object Lock (LocalStack's S3),
 * with the application's own classes and the SDK call counter.
 */
final class CheckpointBenchmark {

    record Figures(int cases, int runs, double[] millis, Map<String, Long> callsPerRun, long objectBytes) {
    }

    private CheckpointBenchmark() {
    }

    static Figures measure(int cases, int runs) {
        try (BenchStack stack = new BenchStack()) {
            seed(stack, cases);
            AuditConfig config = new AuditConfig() {
                public String decisionKey() { return "alias/kyc-vault-decision-signing"; }
                public String checkpointKey() { return "alias/kyc-vault-audit-checkpoint"; }
                public String checkpointBucket() { return "kyc-vault-audit-checkpoints-123456789012-eu-central-1"; }
                public String digestKey() { return "alias/kyc-vault-identifier-digest"; }
            };
            var signatures = new KmsStatementSignatures(stack.kms, config.checkpointKey());
            var archive = new S3CheckpointArchive(stack.s3, config, new ObjectMapper());
            var taking = new TakingCheckpoint(new io.kycvault.casefile.infrastructure.DynamoCaseFiles(stack.dynamo, () -> "kyc-vault-cases",
                    new io.kycvault.casefile.application.CaseParts(java.util.List.of())), signatures, archive,
                    Clock.systemUTC());
            taking.take(); // warm-up: key alias resolved, classes loaded
            double[] millis = new double[runs];
            Map<String, Long> calls = new TreeMap<>();
            for (int i = 0; i < runs; i++) {
                AwsCallCounter.reset();
                long start = System.nanoTime();
                var taken = taking.take();
                millis[i] = (System.nanoTime() - start) / 1e6;
                if (taken.cases() != cases) {
                    throw new IllegalStateException("checkpoint covered " + taken.cases() + " cases, not " + cases);
                }
                AwsCallCounter.snapshot().forEach((k, v) -> calls.merge(k, v, Long::sum));
            }
            calls.replaceAll((k, v) -> v / runs);
            var latest = stack.s3.listObjectsV2(r -> r.bucket(config.checkpointBucket()).prefix("checkpoints/").maxKeys(1)).contents().get(0);
            return new Figures(cases, runs, millis, calls, latest.size());
        }
    }

    /** Case items as the table holds them (the attributes the checkpoint reads, the case's type, its cases-index keys). */
    private static void seed(BenchStack stack, int cases) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String caseId = UUID.randomUUID().toString();
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "pk", AttributeValue.fromS("CASE#" + caseId), "sk", AttributeValue.fromS("CASE"), "type", AttributeValue.fromS("CASE"),
                    "caseId", AttributeValue.fromS(caseId), "status", AttributeValue.fromS("REGISTERED"),
                    io.kycvault.casefile.infrastructure.CaseItems.CASES_INDEX_PK, AttributeValue.fromS(io.kycvault.casefile.infrastructure.CaseItems.CASES),
                    "gsi6sk", AttributeValue.fromS(caseId),
                    "auditSeq", AttributeValue.fromN(Integer.toString(12 + i % 20)),
                    "auditHead", AttributeValue.fromS(HexFormat.of().formatHex(UUID.randomUUID().toString().repeat(2).getBytes(),
                            0, 32)))).build()).build());
            if (batch.size() == 25 || i == cases - 1) {
                List<WriteRequest> chunk = List.copyOf(batch);
                var unprocessed = stack.dynamo.batchWriteItem(r -> r.requestItems(Map.of("kyc-vault-cases", chunk))).unprocessedItems();
                while (!unprocessed.isEmpty()) {
                    var again = unprocessed;
                    unprocessed = stack.dynamo.batchWriteItem(r -> r.requestItems(again)).unprocessedItems();
                }
                batch.clear();
            }
        }
    }

    static void report(Report report, Figures f) {
        double[] sorted = f.millis().clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        report.section("Audit checkpoint over " + String.format("%,d", f.cases()) + " cases (local stack)",
                "`TakingCheckpoint` as the checkpoint function runs it: one Query of the sparse `byCase` index (case items only; "
                        + "case id, chain length and head; DynamoDB Local), one KMS `Sign` (ECC_NIST_P256, ECDSA_SHA_256; LocalStack) over the "
                        + "canonical checkpoint, one `PutObject` with a SHA-256 checksum into the Object Lock bucket (LocalStack S3). "
                        + f.runs() + " runs after one warm-up, same JVM; the anchor is the function's schedule (hourly) and its "
                        + "900 s timeout.");
        report.row("figure", "value", "anchor", "ratio");
        report.rule(4);
        report.row("time per checkpoint, median (ms)", String.format("%,.0f", median), "3,600,000 (hourly schedule)",
                String.format("%.5f", median / 3_600_000));
        report.row("time per checkpoint, min–max (ms)", String.format("%,.0f–%,.0f", sorted[0], sorted[sorted.length - 1]),
                "900,000 (function timeout)", String.format("%.5f", sorted[sorted.length - 1] / 900_000));
        report.row("checkpoint object (KiB)", String.format("%,.0f", f.objectBytes() / 1024.0), "—", "—");
        f.callsPerRun().forEach((call, n) -> report.row("calls per checkpoint: " + call, String.format("%,d", n), "—", "—"));
        report.line("");
        report.line("The index holds only the case items' projected heads: its 1 MB pages grow with the number of cases, not "
                + "with the documents and audit records beside them; KMS and S3 stay at one call each whatever the number of cases.");
    }
}
