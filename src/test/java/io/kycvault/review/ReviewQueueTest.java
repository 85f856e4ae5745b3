package io.kycvault.review;

import static io.kycvault.testing.Api.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
}
