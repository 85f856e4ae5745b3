package io.kycvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.audit.handler.AuditSweepFunction;
import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tampering with stored audit records is detected and named, per case and in the daily sweep. */
@QuarkusTest
class AuditVerificationTest {

    private static final String TABLE = "kyc-vault-cases";

    @Inject
    LocalGateway gateway;
    @Inject
    DynamoDbClient dynamo;

    @Test
    void changedDeletedAndReorderedRecordsAreNamed() {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        String compliance = api.token("olga-" + UUID.randomUUID(), "kyc-compliance");
        var submitted = cases.submitted("audit-ok", "audit-changed", "audit-deleted", "audit-reordered");
        Cases.Opened untouched = submitted.get(0);
        Cases.Opened changed = submitted.get(1);
        Cases.Opened deleted = submitted.get(2);
        Cases.Opened reordered = submitted.get(3);

        JsonNode ok = api.get(compliance, "/audit/cases/" + untouched.caseId()).json();
        assertThat(ok.get("intact").asBoolean()).isTrue();
        assertThat(ok.get("records").size()).isGreaterThanOrEqualTo(8);

        dynamo.updateItem(r -> r.tableName(TABLE).key(key(changed.caseId(), 2))
                .updateExpression("SET actor = :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromS("mallory"))));
        dynamo.deleteItem(r -> r.tableName(TABLE).key(key(deleted.caseId(), 3)));
        var second = dynamo.getItem(r -> r.tableName(TABLE).key(key(reordered.caseId(), 2)).consistentRead(true)).item();
        var third = dynamo.getItem(r -> r.tableName(TABLE).key(key(reordered.caseId(), 3)).consistentRead(true)).item();
        dynamo.putItem(r -> r.tableName(TABLE).item(withKey(third, key(reordered.caseId(), 2))));
        dynamo.putItem(r -> r.tableName(TABLE).item(withKey(second, key(reordered.caseId(), 3))));

        assertFinding(api.get(compliance, "/audit/cases/" + changed.caseId()).json(), "CHANGED", 2);
        assertFinding(api.get(compliance, "/audit/cases/" + deleted.caseId()).json(), "MISSING", 3);
        assertFinding(api.get(compliance, "/audit/cases/" + reordered.caseId()).json(), "REORDERED", 2);

        var summary = (AuditSweepFunction.Summary) gateway.invokeScheduled(AuditSweepFunction.NAME);
        assertThat(summary.broken()).extracting(AuditSweepFunction.Broken::caseId)
                .contains(changed.caseId(), deleted.caseId(), reordered.caseId())
                .doesNotContain(untouched.caseId());
        assertThat(summary.cases()).isGreaterThanOrEqualTo(4);

        // "Verify all" for a compliance officer: the same verdicts through the API (the audit-api function's own Scan).
        Api.Response all = api.get(compliance, "/audit/verification");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        List<String> broken = new java.util.ArrayList<>();
        all.json().get("broken").forEach(b -> broken.add(b.get("caseId").asText()));
        assertThat(broken).contains(changed.caseId(), deleted.caseId(), reordered.caseId()).doesNotContain(untouched.caseId());
        assertThat(all.json().get("cases").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(all.json().get("intact").asInt()).isEqualTo(all.json().get("cases").asInt() - broken.size());
        assertThat(all.body()).contains("CHANGED at record 2");
        io.kycvault.testing.Api.assertCode(api.get(api.token("rex-" + UUID.randomUUID(), "kyc-reviewer"), "/audit/verification"),
                403, "NOT_COMPLIANCE");
    }

    private static void assertFinding(JsonNode audit, String finding, int sequence) {
        assertThat(audit.get("intact").asBoolean()).isFalse();
        assertThat(audit.get("problems").toString()).contains("\"finding\":\"" + finding + "\"");
        boolean named = false;
        for (JsonNode p : audit.get("problems")) {
            named |= p.get("finding").asText().equals(finding) && p.get("sequence").asInt() == sequence;
        }
        assertThat(named).as(audit.get("problems").toString()).isTrue();
    }

    private static Map<String, AttributeValue> key(String caseId, int sequence) {
        return Map.of("pk", AttributeValue.fromS("CASE#" + caseId), "sk", AttributeValue.fromS(String.format("AUDIT#%010d", sequence)));
    }

    private static Map<String, AttributeValue> withKey(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.putAll(key);
        return copy;
    }
}
