package io.kycvault.review;

import static io.kycvault.testing.Api.assertCode;
import static io.kycvault.testing.Cases.approve;
import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.local.LocalGateway;
import io.kycvault.review.application.ReviewStore;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.kycvault.testing.RegistrationProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
class ReviewConcurrencyTest {

    @Inject
    LocalGateway gateway;
    @Inject
    SqsClient sqs;
    @Inject
    CaseFiles caseFiles;
    @Inject
    ReviewStore reviews;

    final String expiry = LocalDate.now(ZoneOffset.UTC).plusMonths(6).toString();

    @Test
    void fiftyConcurrentSecondVotesMakeExactlyOneTransition() throws Exception {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        Cases.Opened c = cases.submitted("race");
        assertThat(cases.decide(api.token("first-" + UUID.randomUUID(), "kyc-reviewer"), c.caseId(), approve(11, expiry))
                .text("status")).isEqualTo("PENDING_SECOND_APPROVAL");

        int voters = 50;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            tokens.add(api.token("racer-" + i + "-" + UUID.randomUUID(), "kyc-reviewer"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(voters);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (String token : tokens) {
            futures.add(pool.submit(() -> {
                start.await();
                return cases.decide(token, c.caseId(), approve(11, expiry));
            }));
        }
        start.countDown();
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> f : futures) {
            responses.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(voters - 1);
        assertThat(responses).filteredOn(r -> r.status() == 200).first().extracting(r -> r.text("status")).isEqualTo("APPROVED");

        List<AuditRecord> trail = caseFiles.auditTrail(c.caseId());
        assertThat(trail).filteredOn(r -> "APPROVED".equals(r.toStatus()) && !"APPROVED".equals(r.fromStatus())).hasSize(1);
        assertThat(reviews.decisions(c.caseId())).hasSize(2);
        assertThat(RegistrationProbe.messagesFor(c.caseId())).hasSize(1);
    }

    /**
     * The claim cap (kyc.review.max-cases-per-reviewer, 5) under concurrency: one reviewer claims six
     * cases at once, twice over; exactly five leases are taken, the rest are refused, and the reviewer's
     * claims free up again when a lease is released or ends with a decision.
     */
    @Test
    void twelveSimultaneousClaimsByOneReviewerTakeExactlyTheFiveTheCapAllows() throws Exception {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        List<String> ids = cases.submitted("cap0", "cap1", "cap2", "cap3", "cap4", "cap5").stream()
                .map(Cases.Opened::caseId).toList();
        String nora = "nora-" + UUID.randomUUID();
        String token = api.token(nora, "kyc-reviewer");

        ExecutorService pool = Executors.newFixedThreadPool(2 * ids.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String id : ids) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.post(token, "/review/cases/" + id + "/claim", (String) null);
                }));
            }
        }
        start.countDown();
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> f : futures) {
            responses.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 409));
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> assertThat(r.text("code")).isIn("CLAIM_LIMIT_REACHED", "CONCURRENT_CHANGE"));
        List<String> held = ids.stream().filter(id -> {
            var lease = reviews.load(id).orElseThrow().lease();
            return lease != null && lease.reviewer().equals(nora);
        }).toList();
        assertThat(held).as("cases the reviewer holds a lease on").hasSize(5);
        String free = ids.stream().filter(id -> !held.contains(id)).findFirst().orElseThrow();
        assertCode(api.post(token, "/review/cases/" + free + "/claim", (String) null), 409, "CLAIM_LIMIT_REACHED");

        // A released lease and a decided case each free a place.
        assertThat(api.delete(token, "/review/cases/" + held.get(0) + "/claim").status()).isEqualTo(200);
        assertThat(api.post(token, "/review/cases/" + free + "/claim", (String) null).status()).isEqualTo(200);
        assertCode(api.post(token, "/review/cases/" + held.get(0) + "/claim", (String) null), 409, "CLAIM_LIMIT_REACHED");
        assertThat(cases.decide(token, held.get(1), approve(6, expiry)).text("status")).isEqualTo("PENDING_SECOND_APPROVAL");
        assertThat(api.post(token, "/review/cases/" + held.get(0) + "/claim", (String) null).status()).isEqualTo(200);
        assertThat(reviews.claimsOf(nora).heldBesides("", java.time.Instant.now())).isEqualTo(5);
    }

    @Test
    void aDocumentChangedBetweenTheVotesVoidsTheFirstVote() {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        Cases.Opened c = cases.submitted("evidence");
        String lena = api.token("lena-" + UUID.randomUUID(), "kyc-reviewer");
        String mike = api.token("mike-" + UUID.randomUUID(), "kyc-reviewer");
        String evidenceRead = api.get(lena, "/review/cases/" + c.caseId()).text("evidence");
        assertThat(cases.decide(lena, c.caseId(), approve(4, expiry)).text("status")).isEqualTo("PENDING_SECOND_APPROVAL");

        // The applicant replaces a document while the second approval is pending.
        String replaced = cases.upload(c, "PROOF_OF_FUNDS", "application/pdf", Fixtures.textPdf("new bank statement"));
        assertThat(cases.awaitSettled(c, replaced).get("status").asText()).isEqualTo("VERIFIED");

        assertCode(cases.decide(mike, c.caseId(), approve(4, expiry)), 409, "EVIDENCE_CHANGED");
        assertThat(api.get(c.token(), "/cases/" + c.caseId()).text("status")).isEqualTo("IN_REVIEW");
        assertThat(reviews.load(c.caseId()).orElseThrow().firstVote()).isNull();
        assertThat(caseFiles.auditTrail(c.caseId())).extracting(AuditRecord::action).contains("FIRST_VOTE_VOIDED");

        // A reviewer voting over what they read before the change is refused too.
        assertCode(cases.decide(mike, c.caseId(), java.util.Map.of("decision", "APPROVE", "reasonCodes",
                List.of("IDENTITY_VERIFIED"), "rating", 4, "ratingExpiresOn", expiry, "evidence", evidenceRead)), 409, "EVIDENCE_CHANGED");

        // Two fresh approvals are needed; the earlier approver may be one of them.
        assertThat(cases.decide(mike, c.caseId(), approve(4, expiry)).text("status")).isEqualTo("PENDING_SECOND_APPROVAL");
        assertThat(cases.decide(lena, c.caseId(), approve(4, expiry)).text("status")).isEqualTo("APPROVED");
    }
}
