package io.kycvault.review;

import static io.kycvault.testing.Api.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewQueueTest {

    @Inject
    LocalGateway gateway;

    @Test
    void oldestFirstPaginatedAndFiltered() {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(cases.submitted("queue" + i).caseId());
        }
        String oscar = api.token("oscar-" + UUID.randomUUID(), "kyc-reviewer");
        List<String> seen = new ArrayList<>();
        List<String> created = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api.get(oscar, "/review/queue?status=IN_REVIEW&country=DE&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonNode entry : page.json().get("cases")) {
                seen.add(entry.get("caseId").asText());
                created.add(entry.get("createdAt").asText());
                assertThat(entry.get("country").asText()).isEqualTo("DE");
                assertThat(entry.toString()).doesNotContain("Mustermann");
            }
            cursor = page.text("nextCursor");
            pages++;
        } while (cursor != null && pages < 500);
        assertThat(seen).containsAll(mine);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(created).isSorted();
        assertThat(seen.indexOf(mine.get(0))).isLessThan(seen.indexOf(mine.get(1)));

        Api.Response other = api.get(oscar, "/review/queue?country=FR");
        assertThat(other.json().get("cases").toString()).doesNotContain(mine.get(0));
        assertCode(api.get(oscar, "/review/queue?status=APPROVED"), 400, "INVALID_STATUS");
        assertCode(api.get(oscar, "/review/queue?country=Germany"), 400, "INVALID_COUNTRY");
        assertCode(api.get(oscar, "/review/queue?limit=1000"), 400, "INVALID_LIMIT");
        assertCode(api.get(oscar, "/review/queue?limit=ten"), 400, "INVALID_LIMIT");
        assertCode(api.get(oscar, "/review/queue?cursor=not-a-cursor"), 400, "INVALID_CURSOR");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"pk\":\"APPLICANT#x\",\"sk\":\"OPEN_CASE\",\"gsi2pk\":\"QUEUE#IN_REVIEW\",\"gsi2sk\":\"x\"}".getBytes());
        assertCode(api.get(oscar, "/review/queue?cursor=" + forged), 400, "INVALID_CURSOR");
        assertThat(Map.of()).isEmpty();
    }

    /** The service level (kyc.review.service-level, P3D by default) from submission, the assignment filters and the cap (5). */
    @Test
    void dueDatesAssignmentFiltersAndTheClaimCap() {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(cases.submitted("due" + i).caseId());
        }
        String rita = "rita-" + UUID.randomUUID();
        String ritaToken = api.token(rita, "kyc-reviewer");
        String sam = api.token("sam-" + UUID.randomUUID(), "kyc-reviewer");

        JsonNode first = entry(api, ritaToken, ids.get(0), "");
        Instant submitted = Instant.parse(first.get("submittedAt").asText());
        assertThat(submitted).isAfterOrEqualTo(Instant.parse(first.get("createdAt").asText()));
        assertThat(Instant.parse(first.get("dueAt").asText())).isEqualTo(submitted.plus(Duration.ofDays(3)));
        assertThat(first.get("overdue").asBoolean()).isFalse();
        assertThat(first.hasNonNull("claimedBy")).as("nobody holds it").isFalse();
        try {
            TestClock.advance(Duration.ofDays(3).plusMinutes(5));
            String later = api.token(rita, "kyc-reviewer"); // the first token has expired by then
            assertThat(entry(api, later, ids.get(0), "").get("overdue").asBoolean()).isTrue();
        } finally {
            TestClock.reset();
        }

        for (int i = 0; i < 5; i++) {
            Api.Response claimed = api.post(ritaToken, "/review/cases/" + ids.get(i) + "/claim", (String) null);
            assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        }
        assertCode(api.post(ritaToken, "/review/cases/" + ids.get(5) + "/claim", (String) null), 409, "CLAIM_LIMIT_REACHED");
        assertThat(api.post(ritaToken, "/review/cases/" + ids.get(0) + "/claim", (String) null).status())
                .as("renewing a lease one holds is no new claim").isEqualTo(200);

        JsonNode held = entry(api, ritaToken, ids.get(1), "&assigned=mine");
        assertThat(held.get("claimedBy").asText()).isEqualTo(rita);
        assertThat(held.get("claimedUntil").asText()).isNotEmpty();
        assertThat(entry(api, ritaToken, ids.get(5), "&assigned=mine")).isNull();
        assertThat(entry(api, sam, ids.get(5), "&assigned=unassigned")).isNotNull();
        assertThat(entry(api, sam, ids.get(1), "&assigned=unassigned")).isNull();
        assertThat(entry(api, sam, ids.get(1), "&assigned=mine")).isNull();
        assertThat(entry(api, sam, ids.get(1), "").get("claimedBy").asText()).isEqualTo(rita);
        assertCode(api.get(sam, "/review/queue?assigned=everyone"), 400, "INVALID_ASSIGNMENT");

        assertThat(api.delete(ritaToken, "/review/cases/" + ids.get(1) + "/claim").status()).isEqualTo(200);
        assertThat(api.post(ritaToken, "/review/cases/" + ids.get(5) + "/claim", (String) null).status())
                .as("a released case frees a place").isEqualTo(200);
        try {
            TestClock.advance(Duration.ofMinutes(31));
            assertThat(api.post(api.token(rita, "kyc-reviewer"), "/review/cases/" + ids.get(1) + "/claim", (String) null).status())
                    .as("expired leases hold nothing").isEqualTo(200);
        } finally {
            TestClock.reset();
        }
    }

    /** The queue entry of one case, paging through the IN_REVIEW queue; null when the filter leaves it out. */
    private static JsonNode entry(Api api, String token, String caseId, String filter) {
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api.get(token, "/review/queue?limit=50" + filter + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonNode e : page.json().get("cases")) {
                if (caseId.equals(e.get("caseId").asText())) {
                    return e;
                }
            }
            cursor = page.text("nextCursor");
            pages++;
        } while (cursor != null && pages < 500);
        return null;
    }
}
