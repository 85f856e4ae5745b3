package io.kycvault.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Markdown for bench/RESULTS.md: what ran, where, when, and the tables. */
final class Report {

    private final StringBuilder out = new StringBuilder();

    void header() {
        out.append("# KYC Vault benchmark results\n\n");
        out.append("Written by `bench/run` — do not edit by hand; rerun it.\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| date | ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append(" |\n");
        out.append("| machine | ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(memory()).append(" |\n");
        out.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append(" |\n");
        out.append("| command | `bench/run` |\n");
        out.append("| note | 2-core shared machine: figures are medians/percentiles of one run; compare ratios taken in the same run |\n\n");
    }

    void section(String title, String description) {
        out.append("\n## ").append(title).append("\n\n").append(description).append("\n\n");
    }

    void row(String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    void rule(int columns) {
        out.append("|").append("---|".repeat(columns)).append('\n');
    }

    void line(String text) {
        out.append(text).append('\n');
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB RAM").orElse("");
        } catch (Exception e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
