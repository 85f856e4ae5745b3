package io.kycvault.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Scripted applicant steps over plain HTTP, shared by the end-to-end tests. */
public final class Cases {

    private final Api api;

    public Cases(Api api) {
        this.api = api;
    }

    public record Opened(String applicant, String token, String caseId) {
    }

    public Opened open(String namePrefix) {
        return open(namePrefix, Api.personalData("Erika", "Mustermann"));
    }

    public Opened open(String namePrefix, java.util.Map<String, Object> personalData) {
        String applicant = namePrefix + "-" + UUID.randomUUID();
        String token = api.token(applicant);
        Api.Response created = api.post(token, "/cases", personalData);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Opened(applicant, token, created.text("caseId"));
    }

    public JsonNode presign(Opened c, String docType, String contentType, byte[] bytes) {
        Api.Response r = api.post(c.token(), "/cases/" + c.caseId() + "/documents", Api.presignBody(docType, contentType, bytes));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** Presigns and uploads; returns the document id. */
    public String upload(Opened c, String docType, String contentType, byte[] bytes) {
        JsonNode instructions = presign(c, docType, contentType, bytes);
        Api.Response put = api.upload(instructions, bytes);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return instructions.get("documentId").asText();
    }

    /**
     * Uploads the three required documents (text PDFs naming their type and the case) one after the
     * other and then waits until each is settled: the pipeline judges and scans them side by side.
     */
    public void uploadRequiredDocuments(Opened c) {
        List<String> documents = new java.util.ArrayList<>();
        for (String type : List.of("PASSPORT", "PROOF_OF_ADDRESS", "PROOF_OF_FUNDS")) {
            documents.add(upload(c, type, "application/pdf", Fixtures.textPdf(type + c.caseId())));
        }
        documents.forEach(d -> awaitSettled(c, d));
    }

    /** A case with the three required documents verified and submitted for review. */
    public Opened submitted(String namePrefix) {
        Opened c = open(namePrefix);
        List<String> documents = List.of(
                upload(c, "PASSPORT", "application/pdf", Fixtures.textPdf("passport " + c.caseId())),
                upload(c, "PROOF_OF_ADDRESS", "application/pdf", Fixtures.textPdf("utility bill " + c.caseId())),
                upload(c, "PROOF_OF_FUNDS", "application/pdf", Fixtures.textPdf("bank statement " + c.caseId())));
        for (String d : documents) {
            assertThat(awaitSettled(c, d).get("status").asText()).isEqualTo("VERIFIED");
        }
        Wallets.prove(api, c.token(), c.caseId());
        Api.Response submitted = api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        return c;
    }

    /**
     * {@link #submitted} for several applicants side by side (their uploads, scans and wallet proofs
     * wait on the pipeline, not on each other); the cases in the order of the prefixes.
     */
    public List<Opened> submitted(String... namePrefixes) {
        java.util.concurrent.ExecutorService applicants = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Opened>> futures = new java.util.ArrayList<>();
            for (String prefix : namePrefixes) {
                futures.add(applicants.submit(() -> submitted(prefix)));
            }
            List<Opened> opened = new java.util.ArrayList<>();
            for (var future : futures) {
                opened.add(future.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            return opened;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Error error ? error : new AssertionError(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            applicants.shutdownNow();
        }
    }

    public Api.Response decide(String reviewerToken, String caseId, Map<String, Object> body) {
        return api.post(reviewerToken, "/review/cases/" + caseId + "/decisions", body);
    }

    public static Map<String, Object> approve(int rating, String expiresOn) {
        return Map.of("decision", "APPROVE", "reasonCodes", List.of("IDENTITY_VERIFIED", "FUNDS_VERIFIED"),
                "rating", rating, "ratingExpiresOn", expiresOn);
    }

    public static Map<String, Object> reject() {
        return Map.of("decision", "REJECT", "reasonCodes", List.of("SANCTIONS_HIT"));
    }

    /**
     * Waits until the document has a final status (VERIFIED, REJECTED or QUARANTINED); returns its
     * view. REJECTED by the structural checks can still turn QUARANTINED when the scan of that version
     * finds a threat later: a test that expects a threat waits for QUARANTINED itself.
     */
    public JsonNode awaitSettled(Opened c, String documentId) {
        return awaitStatus(c, documentId, java.util.Set.of("VERIFIED", "REJECTED", "QUARANTINED"));
    }

    /** Waits until the document has one of the statuses; returns its view. */
    public JsonNode awaitStatus(Opened c, String documentId, java.util.Set<String> statuses) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Api.Response view = api.get(c.token(), "/cases/" + c.caseId());
            for (JsonNode d : view.json().get("documents")) {
                if (d.get("documentId").asText().equals(documentId)) {
                    last = d;
                    if (statuses.contains(d.get("status").asText())) {
                        return d;
                    }
                }
            }
            sleep(100);
        }
        throw new AssertionError("document " + documentId + " did not reach " + statuses + " in time; last seen " + last);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
