package io.kycvault.review;

import static io.kycvault.testing.Api.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResubmissionTest {

    @Inject
    LocalGateway gateway;

    @Test
    void oneReviewerSendsTheCaseBackForTheNamedDocumentsOnly() {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        Cases.Opened c = cases.submitted("resubmit");
        String nina = api.token("nina-" + UUID.randomUUID(), "kyc-reviewer");
        Api.Response asked = cases.decide(nina, c.caseId(), Map.of("decision", "REQUEST_RESUBMISSION",
                "reasonCodes", List.of("DOCUMENT_UNREADABLE"), "requestedDocuments", List.of("PROOF_OF_ADDRESS")));
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        assertThat(asked.text("status")).isEqualTo("RESUBMISSION_REQUESTED");

        var view = api.get(c.token(), "/cases/" + c.caseId()).json();
        assertThat(view.get("status").asText()).isEqualTo("RESUBMISSION_REQUESTED");
        assertThat(view.get("resubmission").get("documents").toString()).contains("PROOF_OF_ADDRESS");
        assertThat(view.get("resubmission").get("reasonCodes").toString()).contains("DOCUMENT_UNREADABLE");
        assertCode(api.get(nina, "/review/cases/" + c.caseId()), 409, "CASE_NOT_IN_REVIEW");

        assertCode(api.post(c.token(), "/cases/" + c.caseId() + "/documents",
                Api.presignBody("PASSPORT", "application/pdf", Fixtures.textPdf("x"))), 409, "DOCUMENT_NOT_REQUESTED");
        assertCode(api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null), 409, "DOCUMENTS_MISSING");
        String again = cases.upload(c, "PROOF_OF_ADDRESS", "application/pdf", Fixtures.textPdf("readable utility bill"));
        assertThat(cases.awaitSettled(c, again).get("status").asText()).isEqualTo("VERIFIED");
        Api.Response resubmitted = api.post(c.token(), "/cases/" + c.caseId() + "/submit", (String) null);
        assertThat(resubmitted.text("status")).isEqualTo("IN_REVIEW");
        assertThat(api.get(c.token(), "/cases/" + c.caseId()).json().get("resubmission")).isNull();
        assertThat(api.get(nina, "/review/cases/" + c.caseId()).status()).isEqualTo(200);
    }
}
