package io.kycvault.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The report of a partial run ({@code -Dbench.only=...}) merged into the previous file: its header, with a row
     * naming what this run measured; each section it measured replaces the previous one of the same title or, when
     * new, is added after the others. The previous analysis is dropped (BenchMain appends ANALYSIS.md again).
     */
    static String merge(String previous, String current, String only) {
        Map<String, String> kept = sections(previous);
        Map<String, String> measured = sections(current);
        kept.remove("Analysis");
        String previousDate = previous.lines().filter(l -> l.startsWith("| date | ")).findFirst()
                .map(l -> l.substring("| date | ".length(), l.length() - 2)).orElse("unknown");
        String header = current.substring(0, current.indexOf("\n## ")).stripTrailing() + "\n"
                + "| partial run | `-Dbench.only=" + only + "` measured: " + String.join("; ", measured.keySet())
                + ". Every other section is kept from the file as it was (dated " + previousDate + ") |\n\n";
        Map<String, String> merged = new LinkedHashMap<>(kept);
        merged.putAll(measured);
        return header + String.join("", merged.values());
    }

    /** Sections by title ("## Title"), each with its heading, in order; the text before the first is left out. */
    private static Map<String, String> sections(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int at = text.indexOf("\n## ");
        while (at >= 0) {
            int next = text.indexOf("\n## ", at + 1);
            String section = text.substring(at, next < 0 ? text.length() : next);
            String title = section.substring(4, section.indexOf('\n', 4) < 0 ? section.length() : section.indexOf('\n', 4)).strip();
            out.put(title, section);
            at = next;
        }
        return out;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
