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

    /**
     * The previous results with the sections of a partial run put in (or added, before the analysis):
     * the header is this run's, with a line naming what it measured; the analysis is appended afresh.
     */
    static String merge(String previous, String fresh, String only) {
        java.util.LinkedHashMap<String, String> sections = sections(previous);
        sections.remove("Analysis");
        java.util.LinkedHashMap<String, String> measured = sections(fresh);
        String header = measured.remove("");
        String note = "| partial run | `-Dbench.only=" + only + "` measured " + String.join(", ", measured.keySet())
                + " on this date; the other sections are from the run before |\n";
        StringBuilder out = new StringBuilder(header.stripTrailing()).append('\n').append(note).append('\n');
        sections.remove("");
        sections.putAll(measured);
        sections.forEach((title, body) -> out.append(body));
        return out.toString();
    }

    /** "## title" → the section's text (title line included); "" → what comes before the first section. */
    private static java.util.LinkedHashMap<String, String> sections(String markdown) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        String[] parts = markdown.split("(?m)(?=^## )");
        for (String part : parts) {
            String title = part.startsWith("## ") ? part.substring(3, part.indexOf('\n') < 0 ? part.length() : part.indexOf('\n')).strip() : "";
            out.put(title, part.endsWith("\n") ? part : part + "\n");
        }
        return out;
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
