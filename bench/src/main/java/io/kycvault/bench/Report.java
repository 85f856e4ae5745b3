package io.kycvault.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

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
     * This run's sections put in place of the same-titled sections of an earlier report (new ones at
     * its end), the earlier report's other sections kept as they were, and a header row saying which
     * sections were rerun when: for a {@code -Dbench.only} run. The earlier report's appended analysis
     * is dropped (the caller appends the current one).
     */
    String mergedInto(String earlier, String only) {
        List<String> old = sections(earlier);
        List<String> fresh = sections(out.toString());
        List<String> merged = new ArrayList<>();
        for (String section : old.subList(1, old.size())) {
            if (!title(section).equals("Analysis")) {
                merged.add(fresh.stream().filter(s -> title(s).equals(title(section))).findFirst().orElse(section));
            }
        }
        fresh.subList(1, fresh.size()).stream().filter(s -> merged.stream().noneMatch(m -> title(m).equals(title(s))))
                .forEach(merged::add);
        // A row of an earlier rerun of the same sections no longer says where they come from.
        String rerun = "| rerun | `-Dbench.only=" + only + "` on ";
        String header = String.join("", old.get(0).lines().filter(l -> !l.startsWith(rerun)).map(l -> l + "\n").toList());
        String note = rerun + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
                + ": its sections (" + String.join(", ", fresh.subList(1, fresh.size()).stream().map(Report::title).toList())
                + ") are from that run, the others from the run dated above |\n";
        int end = header.lastIndexOf("|\n") + 2;
        header = end < 2 ? header + note : header.substring(0, end) + note + header.substring(end);
        return header + String.join("\n\n", merged.stream().map(String::stripTrailing).toList()) + "\n";
    }

    /** The text before the first section, then each section from its {@code ## } line up to the next. */
    private static List<String> sections(String text) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int next = text.indexOf("\n## ");
        while (next >= 0) {
            parts.add(text.substring(start, next + 1));
            start = next + 1;
            next = text.indexOf("\n## ", start);
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String title(String section) {
        return section.startsWith("## ") ? section.substring(3, section.indexOf('\n')).strip() : "";
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
