package io.kycvault.casefile.infrastructure;

import static io.kycvault.shared.dynamo.Items.casePk;
import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;

import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.casefile.application.CaseParts;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.CaseChange;
import io.kycvault.casefile.model.ChainHead;
import io.kycvault.casefile.model.KycCase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The case item ({@code CASE#id/CASE}) and its audit chain ({@code CASE#id/AUDIT#seq}) in the single table. */
@ApplicationScoped
public class DynamoCaseFiles implements CaseFiles {


    private final DynamoDbClient dynamo;
    private final String table;

    private final CaseParts parts;

    public DynamoCaseFiles(DynamoDbClient dynamo, StoreConfig config, CaseParts parts) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.parts = parts;
    }

    @Override
    public Optional<KycCase> find(String caseId) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(casePk(caseId), CaseItems.CASE_SK)).consistentRead(true)
                .projectionExpression(CaseItems.CASE_ATTRIBUTES).expressionAttributeNames(Map.of("#status", "status")));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(CaseItems.toCase(response.item())) : Optional.empty();
    }

    /** Writes the change with the parts its events imply (every capability's {@code CaseEventPolicy}). */
    @Override
    public void record(CaseChange change) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(CaseItems.advance(table, change, parts.of(change.events())).build(),
                    CaseItems.putNew(table, CaseItems.auditItem(change.record()))));
        } catch (TransactionCanceledException e) {
            throw new ConcurrentChange("status not changed: " + CaseItems.reasons(e));
        }
    }

    @Override
    public List<AuditRecord> auditTrail(String caseId) {
        return CaseItems.query(dynamo, table, casePk(caseId), "AUDIT#").stream().map(CaseItems::toAuditRecord).toList();
    }


    @Override
    public List<String> allCaseIds() {
        List<String> ids = new ArrayList<>();
        casesIndex("caseId").forEach(item -> ids.add(str(item, "caseId")));
        return ids;
    }

    @Override
    public Map<String, ChainHead> auditHeads() {
        Map<String, ChainHead> heads = new HashMap<>();
        casesIndex("caseId, auditSeq, auditHead").forEach(item -> heads.put(str(item, "caseId"),
                new ChainHead(Long.parseLong(item.get("auditSeq").n()), str(item, "auditHead"))));
        return heads;
    }

    /** Every case item, from the sparse cases index (eventually consistent, as the scan it replaces). */
    private Iterable<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> casesIndex(String attributes) {
        return dynamo.queryPaginator(r -> r.tableName(table).indexName(CaseItems.CASES_INDEX)
                .keyConditionExpression("#pk = :cases").projectionExpression(attributes)
                .expressionAttributeNames(Map.of("#pk", CaseItems.CASES_INDEX_PK))
                .expressionAttributeValues(Map.of(":cases", s(CaseItems.CASES)))).items();
    }
}
