package io.kycvault.registry.infrastructure;

import static io.kycvault.shared.dynamo.Items.casePk;
import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.n;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;
import static io.kycvault.shared.dynamo.Items.time;

import io.kycvault.casefile.infrastructure.CaseItems;
import io.kycvault.casefile.infrastructure.StoreConfig;
import io.kycvault.casefile.model.AuditRecord;
import io.kycvault.casefile.model.KycCase;
import io.kycvault.registry.application.WalletStore;
import io.kycvault.registry.model.WalletChallenge;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Challenges as {@code CASE#id/WALLETCHALLENGE#nonce}, expiring by TTL a day after their own expiry. */
@ApplicationScoped
public class DynamoWalletStore implements WalletStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWalletStore(DynamoDbClient dynamo, StoreConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    @Override
    public void save(WalletChallenge c) {
        Map<String, AttributeValue> item = new HashMap<>(key(casePk(c.caseId()), "WALLETCHALLENGE#" + c.nonce()));
        item.put("type", s("WALLET_CHALLENGE"));
        item.put("caseId", s(c.caseId()));
        item.put("address", s(c.address()));
        item.put("chainId", n(c.chainId()));
        item.put("nonce", s(c.nonce()));
        item.put("challengeExpiresAt", s(c.expiresAt().toString()));
        item.put("issuedAt", s(c.issuedAt().toString()));
        item.put("domain", s(c.domain()));
        item.put("uri", s(c.uri()));
        item.put("used", AttributeValue.fromBool(false));
        item.put("expiresAt", n(c.expiresAt().plus(io.kycvault.casefile.model.RetentionPolicy.CHALLENGE_BACKSTOP).getEpochSecond()));
        dynamo.transactWriteItems(r -> r.transactItems(CaseItems.putNew(table, item)));
    }

    @Override
    public Optional<StoredChallenge> find(String caseId, String nonce) {
        var response = dynamo.getItem(r -> r.tableName(table).key(key(casePk(caseId), "WALLETCHALLENGE#" + nonce)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        var i = response.item();
        return Optional.of(new StoredChallenge(new WalletChallenge(str(i, "caseId"), str(i, "address"),
                Long.parseLong(i.get("chainId").n()), str(i, "nonce"), time(i, "issuedAt"), time(i, "challengeExpiresAt"),
                str(i, "domain"), str(i, "uri")),
                Boolean.TRUE.equals(i.get("used").bool())));
    }

    @Override
    public Result accept(WalletChallenge c, KycCase expected, KycCase updated, AuditRecord record) {
        TransactWriteItem spend = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key(casePk(c.caseId()), "WALLETCHALLENGE#" + c.nonce()))
                .updateExpression("SET used = :true")
                .conditionExpression("used = :false")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":false", AttributeValue.fromBool(false)))
                .build()).build();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(List.of(spend, CaseItems.advance(table, expected, updated).build(),
                    CaseItems.putNew(table, CaseItems.auditItem(record)))));
            return Result.ACCEPTED;
        } catch (TransactionCanceledException e) {
            return CaseItems.failed(e, 0) ? Result.ALREADY_USED : Result.CASE_CHANGED;
        }
    }
}
