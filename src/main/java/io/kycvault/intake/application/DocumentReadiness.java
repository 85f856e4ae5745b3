package io.kycvault.intake.application;

import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.MalwareGate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Whether each document may be shown to a reviewer now, and why not (scan pending or overdue, rejected, quarantined). */
@ApplicationScoped
public class DocumentReadiness {

    private final Clock clock;
    private final IntakeConfig config;

    public DocumentReadiness(Clock clock, IntakeConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public MalwareGate.Readiness of(Document document) {
        return MalwareGate.readiness(document, clock.instant(), config.scanTimeout());
    }

    /** By document id, in the documents' order. */
    public Map<String, MalwareGate.Readiness> of(List<Document> documents) {
        Map<String, MalwareGate.Readiness> out = new LinkedHashMap<>();
        documents.forEach(d -> out.put(d.documentId(), of(d)));
        return out;
    }
}
