package io.kycvault.review;

import static io.kycvault.testing.Api.assertCode;
import static io.kycvault.testing.Cases.approve;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.RetentionPolicy;
import io.kycvault.lifecycle.application.LifecycleStore;
import io.kycvault.local.LocalGateway;
import io.kycvault.review.application.ReviewStore;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.kycvault.testing.RegistrationProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
class ReviewFlowTest {

    @Inject
    LocalGateway gateway;
    @Inject
    SqsClient sqs;
    @Inject
    CaseFiles caseFiles;
    @Inject
    ReviewStore reviews;
    @Inject
    LifecycleStore lifecycle;
    @Inject
    RetentionPolicy retention;

    Api api;
    Cases cases;
    final String expiry = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();

    @BeforeEach
    void setUp() {
        api = new Api(gateway);
        cases = new Cases(api);
    }

    private String reviewer(String name) {
        return api.token(name + "-" + UUID.randomUUID(), "kyc-reviewer");
    }

    @Test
    void twoReviewersApproveAndExactlyOneRegistrationIsHandedOn() {
        Cases.Opened c = cases.submitted("approved");
        String alice = reviewer("alice");
        String bob = reviewer("bob");
        Api.Response first = cases.decide(alice, c.caseId(), approve(7, expiry));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("PENDING_SECOND_APPROVAL");
        assertCode(cases.decide(alice, c.caseId(), approve(7, expiry)), 403, "SECOND_VOTE_BY_SAME_REVIEWER");
        Api.Response second = cases.decide(bob, c.caseId(), approve(7, expiry));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.text("status")).isEqualTo("APPROVED");
        // The chain function may already have registered it.
        assertThat(api.get(c.token(), "/cases/" + c.caseId()).text("status")).isIn("APPROVED", "REGISTERED");

        List<JsonNode> messages = RegistrationProbe.messagesFor(c.caseId());
        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.get("rating").asInt()).isEqualTo(7);
        assertThat(m.get("ratingExpiresAt").asLong())
                .isEqualTo(LocalDate.parse(expiry).plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        assertThat(m.get("approvalId").asText()).isEqualTo(second.text("decisionId"));
        assertThat(m.get("country").asText()).isEqualTo("DE");
        assertThat(m.get("wallets")).hasSize(1);
        assertThat(m.get("wallets").get(0).asText()).matches("0x[0-9a-fA-F]{40}");
        assertThat(m.toString()).doesNotContain("Mustermann").doesNotContain("Erika");

        // Access ends with the case: no personal data, no links, no claims, no lease.
        JsonNode anyDocument = api.get(c.token(), "/cases/" + c.caseId()).json().get("documents").get(0);
        assertCode(api.get(bob, "/review/cases/" + c.caseId()), 403, "CASE_CLOSED");
        assertCode(api.post(bob, "/review/cases/" + c.caseId() + "/documents/" + anyDocument.get("documentId").asText() + "/view",
                (String) null), 403, "CASE_CLOSED");
        assertCode(api.post(reviewer("carol"), "/review/cases/" + c.caseId() + "/claim", (String) null), 403, "CASE_CLOSED");
        assertCode(cases.decide(reviewer("dave"), c.caseId(), approve(7, expiry)), 409, "CASE_CLOSED");
        assertThat(reviews.load(c.caseId()).orElseThrow().lease()).isNull();
        assertCode(api.post(c.token(), "/cases/" + c.caseId() + "/documents",
                Api.presignBody("PASSPORT", "application/pdf", Fixtures.textPdf("late"))), 409, "CASE_NOT_OPEN");
    }

    @Test
    void nobodyReviewsTheirOwnCaseAndRolesAreSeparated() {
        String applicantWithReviewerRights = "insider-" + UUID.randomUUID();
        Api.Response created = api.post(api.token(applicantWithReviewerRights, "kyc-reviewer"), "/cases",
                Api.personalData("Ines", "Insider"));
        assertThat(created.status()).isEqualTo(201);
        String insiderToken = api.token(applicantWithReviewerRights, "kyc-reviewer");
        Cases.Opened own = new Cases.Opened(applicantWithReviewerRights, insiderToken, created.text("caseId"));
        for (String type : List.of("PASSPORT", "PROOF_OF_ADDRESS", "PROOF_OF_FUNDS")) {
            cases.awaitSettled(own, cases.upload(own, type, "application/pdf", Fixtures.textPdf(type + own.caseId())));
        }
        io.kycvault.testing.Wallets.prove(api, insiderToken, own.caseId());
        assertThat(api.post(insiderToken, "/cases/" + own.caseId() + "/submit", (String) null).status()).isEqualTo(200);

        assertCode(cases.decide(insiderToken, own.caseId(), approve(5, expiry)), 403, "OWN_CASE");
        assertCode(api.get(insiderToken, "/review/cases/" + own.caseId()), 403, "OWN_CASE");
        assertCode(api.post(insiderToken, "/review/cases/" + own.caseId() + "/claim", (String) null), 403, "OWN_CASE");
        Api.Response queue = api.get(insiderToken, "/review/queue?limit=50");
        assertThat(queue.json().get("cases").toString()).doesNotContain(own.caseId());

        String applicant = api.token("plain-" + UUID.randomUUID());
        assertCode(api.get(applicant, "/review/queue"), 403, "NOT_A_REVIEWER");
        assertCode(api.get(applicant, "/review/cases/" + own.caseId()), 403, "NOT_A_REVIEWER");
        assertCode(cases.decide(applicant, own.caseId(), approve(5, expiry)), 403, "NOT_A_REVIEWER");
        assertCode(api.get(reviewer("erin"), "/audit/cases/" + own.caseId()), 403, "NOT_COMPLIANCE");
    }

    @Test
    void readsAndLinksAreAuditedAndLinksAreShortLivedAttachments() throws Exception {
        Cases.Opened c = cases.submitted("links");
        String frank = reviewer("frank");
        String frankSubject = subjectOf(frank);
        Api.Response read = api.get(frank, "/review/cases/" + c.caseId());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("personalData").get("familyName").asText()).isEqualTo("Mustermann");
        assertThat(read.json().get("evidence").asText()).hasSize(64);
        String documentId = read.json().get("documents").get(0).get("documentId").asText();

        Api.Response link = api.post(frank, "/review/cases/" + c.caseId() + "/documents/" + documentId + "/view", (String) null);
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        String url = link.text("url");
        assertThat(url).contains("X-Amz-Expires=60").contains("response-content-disposition=attachment")
                .contains("versionId=").contains("response-content-type=application%2Fpdf");
        HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("content-disposition").orElse("")).startsWith("attachment");
        assertThat(new String(download.body(), 0, 5)).isEqualTo("%PDF-");

        List<AuditRecord> trail = caseFiles.auditTrail(c.caseId());
        assertThat(trail).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("PERSONAL_DATA_READ");
            assertThat(r.actor()).isEqualTo(frankSubject);
            assertThat(r.at()).isNotNull();
        });
        assertThat(trail).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("DOCUMENT_LINK_ISSUED");
            assertThat(r.actor()).isEqualTo(frankSubject);
            assertThat(r.details()).containsEntry("documentId", documentId);
        });
    }

    @Test
    void leasesKeepOtherReviewersOffUntilTheFirstVote() {
        Cases.Opened c = cases.submitted("lease");
        String gina = reviewer("gina");
        String hugo = reviewer("hugo");
        assertThat(api.post(gina, "/review/cases/" + c.caseId() + "/claim", (String) null).status()).isEqualTo(200);
        assertCode(api.post(hugo, "/review/cases/" + c.caseId() + "/claim", (String) null), 409, "CLAIMED_BY_OTHER");
        assertCode(cases.decide(hugo, c.caseId(), approve(3, expiry)), 409, "CLAIMED_BY_OTHER");
        assertThat(cases.decide(gina, c.caseId(), approve(3, expiry)).text("status")).isEqualTo("PENDING_SECOND_APPROVAL");
        // The first vote ends the lease: the second approver can act.
        assertThat(cases.decide(hugo, c.caseId(), approve(3, expiry)).text("status")).isEqualTo("APPROVED");
    }

    @Test
    void aSecondVoteThatDisagreesBecomesTheNewFirstVote() {
        Cases.Opened c = cases.submitted("mismatch");
        String ivan = reviewer("ivan");
        String judy = reviewer("judy");
        assertThat(cases.decide(ivan, c.caseId(), approve(5, expiry)).text("status")).isEqualTo("PENDING_SECOND_APPROVAL");
        // Other rating: not a second approval but a new first vote by judy.
        Api.Response other = cases.decide(judy, c.caseId(), approve(6, expiry));
        assertThat(other.text("status")).isEqualTo("PENDING_SECOND_APPROVAL");
        assertCode(cases.decide(judy, c.caseId(), approve(6, expiry)), 403, "SECOND_VOTE_BY_SAME_REVIEWER");
        // Other decision: a rejection replaces the pending approval.
        Api.Response rejection = cases.decide(ivan, c.caseId(), Cases.reject());
        assertThat(rejection.text("status")).isEqualTo("PENDING_SECOND_REJECTION");
        Api.Response rejected = cases.decide(judy, c.caseId(), Cases.reject());
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        // A final rejection ends the relationship: its retention clock starts in the same write (lifecycle's part,
        // from the CaseRejected/RelationshipEnded events), at the rejection's time, and the case is in the retention index.
        AuditRecord rejectedRecord = caseFiles.auditTrail(c.caseId()).getLast();
        assertThat(rejectedRecord.toStatus()).isEqualTo("REJECTED");
        var file = lifecycle.load(c.caseId()).orElseThrow();
        assertThat(file.relationshipEndedAt()).isEqualTo(rejectedRecord.at());
        assertThat(file.retentionEndsAt()).isEqualTo(retention.retentionEndsAt(rejectedRecord.at()));
        assertThat(lifecycle.retentionEndedBy(file.retentionEndsAt())).contains(c.caseId());
        // A final rejection closes the case: the applicant may open a new one.
        assertThat(api.post(c.token(), "/cases", Api.personalData("Erika", "Mustermann")).status()).isEqualTo(201);
        assertThat(reviews.decisions(c.caseId())).hasSize(4);
    }

    @Test
    void decisionsWithUnknownOrMismatchedReasonsRatingsOrTypesAreRefusedWithTheirCodes() {
        Cases.Opened c = cases.submitted("validation");
        String kim = reviewer("kim");
        assertCode(cases.decide(kim, c.caseId(), Map.of("decision", "MAYBE", "reasonCodes", List.of("IDENTITY_VERIFIED"))),
                400, "INVALID_DECISION");
        assertCode(cases.decide(kim, c.caseId(), Map.of("decision", "APPROVE", "rating", 5)), 400, "REASONS_REQUIRED");
        assertCode(cases.decide(kim, c.caseId(), Map.of("decision", "APPROVE", "reasonCodes", List.of("LOOKS_FINE"), "rating", 5)),
                400, "UNKNOWN_REASON_CODE");
        var wrongList = cases.decide(kim, c.caseId(), Map.of("decision", "APPROVE", "reasonCodes", List.of("SANCTIONS_HIT"), "rating", 5));
        assertCode(wrongList, 400, "UNKNOWN_REASON_CODE");
        assertThat(wrongList.text("message")).as("the refusal names what an approval may carry")
                .contains("SANCTIONS_HIT").contains("IDENTITY_VERIFIED").contains("SANCTIONS_SCREENED_CLEAR").doesNotContain("FRAUD_SUSPECTED");
        assertCode(cases.decide(kim, c.caseId(), approve(0, expiry)), 400, "INVALID_RATING");
        assertCode(cases.decide(kim, c.caseId(), approve(256, expiry)), 400, "INVALID_RATING");
        assertCode(cases.decide(kim, c.caseId(), approve(5, "2001-01-01")), 400, "INVALID_RATING_EXPIRY");
        assertCode(cases.decide(kim, c.caseId(), Map.of("decision", "REJECT", "reasonCodes", List.of("SANCTIONS_HIT"), "rating", 5)),
                400, "RATING_NOT_ALLOWED");
        assertCode(cases.decide(kim, c.caseId(), Map.of("decision", "REQUEST_RESUBMISSION", "reasonCodes",
                List.of("DOCUMENT_UNREADABLE"))), 400, "DOCUMENTS_REQUIRED");
        assertCode(api.post(kim, "/review/cases/" + c.caseId() + "/decisions", "{\"decision\":\"APPROVE\",\"rating\":\"5\"}"),
                400, "INVALID_TYPE");
        Api.Response defaulted = cases.decide(kim, c.caseId(), Map.of("decision", "APPROVE", "reasonCodes",
                List.of("IDENTITY_VERIFIED"), "rating", 9));
        assertThat(defaulted.status()).as(defaulted.body()).isEqualTo(200);
        assertThat(reviews.load(c.caseId()).orElseThrow().firstVote().ratingExpiresOn())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(365));
    }

    private static String subjectOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
