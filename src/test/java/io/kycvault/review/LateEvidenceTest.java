package io.kycvault.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.CaseStatus;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.local.LocalGateway;
import io.kycvault.review.model.Evidence;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The evidence is frozen at the decision: a file that arrives afterwards never joins it. */
@QuarkusTest
class LateEvidenceTest {

    private static final String BUCKET = "kyc-vault-documents-123456789012-eu-central-1";

    @Inject
    LocalGateway gateway;
    @Inject
    CaseStore store;

    @Inject
    CaseFiles caseFiles;
    @Inject
    S3Client s3;

    @Test
    void anUploadThroughAUrlIssuedBeforeTheDecisionIsRecordedLateAndLeavesTheEvidenceAlone() {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        Cases.Opened c = cases.submitted("late-evidence");
        byte[] late = Fixtures.textPdf("a second bank statement " + c.caseId());
        JsonNode url = cases.presign(c, "PROOF_OF_FUNDS", "application/pdf", late); // issued during review
        String expiry = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
        cases.decide(api.token("r1-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), Cases.approve(8, expiry));
        assertThat(cases.decide(api.token("r2-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), Cases.approve(8, expiry))
                .text("status")).isEqualTo("APPROVED");
        var decided = caseFiles.find(c.caseId()).orElseThrow();
        String evidence = Evidence.fingerprint(store.documents(c.caseId()), decided.personalDataVersion());

        assertThat(api.upload(url, late).status()).as("the URL is still valid").isEqualTo(200);
        JsonNode document = cases.awaitSettled(c, url.get("documentId").asText());

        assertThat(document.get("status").asText()).isEqualTo("REJECTED");
        assertThat(document.toString()).contains("LATE_UPLOAD").contains("already decided");
        var now = caseFiles.find(c.caseId()).orElseThrow();
        assertThat(now.status()).isIn(CaseStatus.APPROVED, CaseStatus.REGISTERED);
        assertThat(Evidence.fingerprint(store.documents(c.caseId()), now.personalDataVersion())).isEqualTo(evidence);
        assertThat(caseFiles.auditTrail(c.caseId())).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("DOCUMENT_ARRIVED_LATE");
            assertThat(r.details()).containsEntry("reason", "LATE_UPLOAD").containsEntry("documentId", url.get("documentId").asText());
        });
        String key = "incoming/" + c.caseId() + "/" + url.get("documentId").asText();
        // Removed once its malware scan says it is harmless (a rejected file is kept until then, so a
        // malicious one can still be quarantined).
        for (int i = 0; i < 120 && !s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key)).versions().isEmpty(); i++) {
            Cases.sleep(250);
        }
        assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key)).versions()).as("the late file is removed").isEmpty();
    }
}
