package io.kycvault.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost per 1,000 cases from what the end-to-end run measured: AWS calls per case by API (the
 * application's SDK interceptor), Lambda durations, document bytes, and gas; priced with
 * bench/prices-eu-central-1.md. The assumptions are printed with the table.
 */
final class Cost {

    // bench/prices-eu-central-1.md (USD, eu-central-1, 2026-11-22)
    static final double LAMBDA_GB_S = 0.0000133334;
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    static final double HTTP_API_REQUEST = 1.20 / 1e6;
    static final double DDB_WRU = 1.525 / 1e6;
    static final double DDB_RRU = 0.305 / 1e6;
    static final double DDB_GB_MONTH = 0.306;
    static final double S3_GB_MONTH = 0.0245;
    static final double S3_PUT = 0.0054 / 1000;
    static final double S3_GET = 0.00043 / 1000;
    static final double KMS_REQUEST = 0.03 / 10_000;
    static final double KMS_SIGN = 0.15 / 10_000;
    static final double SQS_REQUEST = 0.50 / 1e6;

    private Cost() {
    }

    static void report(Report report, EndToEnd.Result r, long documentBytes, long gasPerInvestor) {
        double n = r.cases();
        Map<String, Double> perCase = new LinkedHashMap<>();
        r.calls().forEach((api, count) -> {
            if (!api.startsWith("Lambda:") && !api.contains("CapacityUnits") && !api.startsWith("Sqs:ReceiveMessage") && !api.startsWith("Sqs:ChangeMessageVisibility") && !api.startsWith("Sqs:GetQueueUrl")) {
                perCase.put(api, count / n);
            }
        });
        report.section("Cost per 1,000 cases",
                "AWS calls per case counted by the application's SDK interceptor during the " + r.cases() + "-case run "
                        + "(local event-source polling — SQS ReceiveMessage — excluded and replaced by one receive per message). "
                        + "Prices: bench/prices-eu-central-1.md (list prices, eu-central-1, dated).");
        report.row("service:API", "calls per case");
        report.rule(2);
        perCase.forEach((api, v) -> report.row(api, String.format("%.2f", v)));
        // Capacity as DynamoDB (Local) reported it for every call (ReturnConsumedCapacity=TOTAL), in thousandths.
        double ddbWru = r.calls().getOrDefault("DynamoDb:WriteCapacityUnits", 0L) / 1000.0 / n;
        double ddbRru = r.calls().getOrDefault("DynamoDb:ReadCapacityUnits", 0L) / 1000.0 / n;
        double kms = 0;
        double s3Put = 3;
        double s3Get = 0;
        double sqs = 0;
        for (var e : perCase.entrySet()) {
            String api = e.getKey();
            double c = e.getValue();
            if (api.startsWith("Kms:")) {
                kms += c;
            } else if (api.startsWith("S3:Get") || api.startsWith("S3:List")) {
                s3Get += c;
            } else if (api.startsWith("S3:")) {
                s3Put += c;
            } else if (api.startsWith("Sqs:")) {
                sqs += c;
            }
        }
        // The local pollers' ReceiveMessage calls are excluded above; the event source mappings in AWS
        // receive each message once (and delete it, counted above).
        sqs += perCase.getOrDefault("Sqs:DeleteMessage", 0.0);
        List<Long> whole = r.stages().get("whole case");
        // Lambda: billed milliseconds per function as the local runtime measured them (each invocation
        // rounded up to 1 ms), at the template's memory sizes: API and upload functions 512 MB, chain 1024 MB.
        double lambdaGbS = 0;
        double lambdaRequests = 0;
        StringBuilder lambdaBasis = new StringBuilder();
        for (var f : List.of(Map.entry("api", 0.5), Map.entry("upload-events", 0.5), Map.entry("chain-registration", 1.0))) {
            double invocations = r.calls().getOrDefault("Lambda:" + f.getKey() + ":invocations", 0L) / n;
            double billedMs = r.calls().getOrDefault("Lambda:" + f.getKey() + ":billedMs", 0L) / n;
            lambdaGbS += billedMs / 1000 * f.getValue();
            lambdaRequests += invocations;
            lambdaBasis.append(String.format("%s %.2f × %.0f ms at %.0f MB; ", f.getKey(), invocations,
                    invocations == 0 ? 0 : billedMs / invocations, f.getValue() * 1024));
        }
        double apiRequests = r.calls().getOrDefault("Lambda:api:invocations", 0L) / n;
        double infra = lambdaGbS * LAMBDA_GB_S + lambdaRequests * LAMBDA_REQUEST + apiRequests * HTTP_API_REQUEST + ddbWru * DDB_WRU
                + ddbRru * DDB_RRU + s3Put * S3_PUT + s3Get * S3_GET + kms * KMS_REQUEST + 0.1 * KMS_SIGN + sqs * SQS_REQUEST;
        double storageMonth = documentBytes / 1e9 * S3_GB_MONTH + 20_000 / 1e9 * DDB_GB_MONTH;
        double gwei = 1.0;
        double ethUsd = 3000;
        double gasUsd = gasPerInvestor * gwei * 1e-9 * ethUsd;
        report.line("");
        report.row("figure", "per case", "per 1,000 cases", "assumption");
        report.rule(4);
        report.row("Lambda GB-seconds", String.format("%.3f", lambdaGbS), String.format("%.1f", lambdaGbS * 1000),
                "measured per case (invocations × mean billed duration): " + lambdaBasis.toString().trim()
                        + " API requests include the driver's status polling");
        report.row("DynamoDB write / read units", String.format("%.1f / %.1f", ddbWru, ddbRru), String.format("%.0f / %.0f", ddbWru * 1000, ddbRru * 1000),
                "consumed capacity reported by DynamoDB Local per call (on-demand: 1 WRU = 1 write request unit)");
        report.row("**infrastructure, one-off (USD)**", String.format("%.5f", infra), String.format("**%.2f**", infra * 1000),
                "goal: < 0.01 per case → " + BenchMain.verdict(infra < 0.01));
        report.row("storage per month (USD)", String.format("%.7f", storageMonth), String.format("%.4f", storageMonth * 1000),
                String.format("%,d bytes of documents + ~20 KB of items per case", documentBytes));
        report.row("gas per investor (USD)", String.format("%.4f", gasUsd), String.format("%.2f", gasUsd * 1000),
                String.format("%,d gas (batch of 10, this run) at %.0f gwei, ETH at %,.0f USD — not part of the infrastructure goal",
                        gasPerInvestor, gwei, ethUsd));
        report.line("");
        report.line("Where the DynamoDB units go, per case (ReturnConsumedCapacity=INDEXES: the table's share and each "
                + "index's, as DynamoDB Local reports them; it charges a transactional update 4 units per started KB, twice "
                + "AWS's documented rate; an index entry is written when a write changes its keys or projected attributes):");
        report.line("");
        report.row("table or index", "write units per case", "read units per case");
        report.rule(3);
        java.util.Set<String> targets = new java.util.TreeSet<>(
                java.util.Comparator.comparing((String t) -> !"table".equals(t)).thenComparing(t -> t));
        r.calls().keySet().stream().filter(k -> k.startsWith("DynamoDb:") && k.contains("CapacityUnits@"))
                .forEach(k -> targets.add(k.substring(k.indexOf('@') + 1)));
        for (String target : targets) {
            report.row(target, String.format("%.1f", r.calls().getOrDefault("DynamoDb:WriteCapacityUnits@" + target, 0L) / 1000.0 / n),
                    String.format("%.1f", r.calls().getOrDefault("DynamoDb:ReadCapacityUnits@" + target, 0L) / 1000.0 / n));
        }
        report.line("");
        report.line(String.format("Median whole case on this machine: %d ms.", median(whole)));
    }

    static long median(List<Long> values) {
        if (values == null || values.isEmpty()) {
            return 0;
        }
        List<Long> v = new java.util.ArrayList<>(values);
        Collections.sort(v);
        return v.get(v.size() / 2);
    }
}
