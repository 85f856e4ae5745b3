package io.kycvault.local;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates in the emulator what {@code template.yaml} declares — KMS keys and aliases, queues with
 * their redrive and queue policies, the table with its indexes and TTL, the buckets with
 * versioning, default encryption, ownership controls, public access block, bucket policy and the
 * documents bucket's notification to the upload queue — reading names,
 * keys, indexes and settings from the template itself, so the local stack cannot drift from it.
 * Idempotent: resources that exist are reused.
 */
@ApplicationScoped
public class LocalProvisioner {

    private static final Logger LOG = Logger.getLogger(LocalProvisioner.class);

    private final LocalConfig config;
    private final KmsClient kms;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final S3Client s3;
    private jakarta.enterprise.inject.Instance<software.amazon.awssdk.services.eventbridge.EventBridgeClient> events;

    /** The domain-event bus is created through the application's own client (set in CDI; absent in the benchmark). */
    @jakarta.inject.Inject
    void events(jakarta.enterprise.inject.Instance<software.amazon.awssdk.services.eventbridge.EventBridgeClient> events) {
        this.events = events;
    }

    public LocalProvisioner(LocalConfig config, KmsClient kms, SqsClient sqs, DynamoDbClient dynamo, S3Client s3) {
        this.config = config;
        this.kms = kms;
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.s3 = s3;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (config.provision()) {
            provision();
        }
    }

    /** The template as provisioned, its Refs and GetAtts resolved to what was created (null before). */
    public CfnTemplate template() {
        return provisioned;
    }

    private volatile CfnTemplate provisioned;

    public CfnTemplate provision() {
        try {
            CfnTemplate t = CfnTemplate.load(Path.of(config.template()), config.stackName(), config.accountId(), config.region());
            keys(t);
            queues(t);
            tables(t);
            buckets(t);
            policies(t);
            if (events != null && events.isResolvable()) {
                for (String bus : t.ofType("AWS::Events::EventBus")) {
                    String name = t.string(t.properties(bus).get("Name"));
                    try {
                        events.get().createEventBus(r -> r.name(name));
                    } catch (software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException exists) {
                        // already there
                    }
                }
            }
            LOG.infof("local resources provisioned from %s", config.template());
            provisioned = t;
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void keys(CfnTemplate t) {
        Map<String, String> aliasTargets = new HashMap<>();
        for (AliasListEntry alias : kms.listAliasesPaginator(r -> { }).aliases()) {
            if (alias.targetKeyId() != null) {
                aliasTargets.put(alias.aliasName(), alias.targetKeyId());
            }
        }
        Map<String, String> aliasOfKey = new HashMap<>();
        for (String aliasId : t.ofType("AWS::KMS::Alias")) {
            Map<String, Object> p = t.properties(aliasId);
            Object target = p.get("TargetKeyId");
            if (target instanceof Map<?, ?> m && m.get("Ref") != null) {
                aliasOfKey.put(String.valueOf(m.get("Ref")), t.string(p.get("AliasName")));
            }
        }
        for (String keyId : t.ofType("AWS::KMS::Key")) {
            Map<String, Object> p = t.properties(keyId);
            String alias = aliasOfKey.get(keyId);
            if (alias == null) {
                throw new IllegalStateException("local stack needs an alias for KMS key " + keyId);
            }
            String existing = aliasTargets.get(alias);
            String id = existing;
            if (id == null) {
                String spec = String.valueOf(p.getOrDefault("KeySpec", "SYMMETRIC_DEFAULT"));
                String usage = String.valueOf(p.getOrDefault("KeyUsage", "ENCRYPT_DECRYPT"));
                id = kms.createKey(r -> r.keySpec(spec).keyUsage(usage).description(keyId)).keyMetadata().keyId();
                String created = id;
                kms.createAlias(r -> r.aliasName(alias).targetKeyId(created));
            }
            String keyRef = id;
            String arn = kms.describeKey(r -> r.keyId(keyRef)).keyMetadata().arn();
            t.created(keyId, id, Map.of("Arn", arn, "KeyId", id));
        }
        for (String aliasId : t.ofType("AWS::KMS::Alias")) {
            t.created(aliasId, t.string(t.properties(aliasId).get("AliasName")), Map.of());
        }
    }

    private void queues(CfnTemplate t) {
        List<String> ids = t.ofType("AWS::SQS::Queue");
        // Create every queue first, then apply attributes, so redrive policies can name their DLQs.
        for (String id : ids) {
            Map<String, Object> p = t.properties(id);
            String name = t.string(p.get("QueueName"));
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            if (Boolean.parseBoolean(String.valueOf(p.get("FifoQueue")))) {
                attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
            String arn = "arn:aws:sqs:" + config.region() + ":" + config.accountId() + ":" + name;
            t.created(id, url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
        }
        for (String id : ids) {
            Map<String, Object> p = t.properties(id);
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            copy(t, p, "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT, attributes);
            copy(t, p, "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD, attributes);
            copy(t, p, "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, attributes);
            copy(t, p, "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, attributes);
            if (p.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
                Map<?, ?> resolved = (Map<?, ?>) t.resolve(redrive);
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + resolved.get("deadLetterTargetArn")
                        + "\",\"maxReceiveCount\":" + resolved.get("maxReceiveCount") + "}");
            }
            if (!attributes.isEmpty()) {
                String url = t.string(Map.of("Ref", id));
                sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes));
            }
        }
    }

    private static void copy(CfnTemplate t, Map<String, Object> p, String property, QueueAttributeName name,
            Map<QueueAttributeName, String> out) {
        if (p.containsKey(property)) {
            out.put(name, t.string(p.get(property)));
        }
    }

    @SuppressWarnings("unchecked")
    private void tables(CfnTemplate t) {
        for (String id : t.ofType("AWS::DynamoDB::Table")) {
            Map<String, Object> p = (Map<String, Object>) t.resolve(t.properties(id));
            String name = String.valueOf(p.get("TableName"));
            List<AttributeDefinition> attributes = ((List<Map<String, Object>>) p.get("AttributeDefinitions")).stream()
                    .map(a -> AttributeDefinition.builder().attributeName(String.valueOf(a.get("AttributeName")))
                            .attributeType(String.valueOf(a.get("AttributeType"))).build())
                    .toList();
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (Map<String, Object> gsi : (List<Map<String, Object>>) p.getOrDefault("GlobalSecondaryIndexes", List.of())) {
                Map<String, Object> projection = (Map<String, Object>) gsi.get("Projection");
                indexes.add(GlobalSecondaryIndex.builder()
                        .indexName(String.valueOf(gsi.get("IndexName")))
                        .keySchema(keySchema((List<Map<String, Object>>) gsi.get("KeySchema")))
                        .projection(Projection.builder()
                                .projectionType(String.valueOf(projection.get("ProjectionType")))
                                .nonKeyAttributes(projection.containsKey("NonKeyAttributes")
                                        ? ((List<Object>) projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList()
                                        : null)
                                .build())
                        .build());
            }
            try {
                dynamo.createTable(r -> r.tableName(name)
                        .attributeDefinitions(attributes)
                        .keySchema(keySchema((List<Map<String, Object>>) p.get("KeySchema")))
                        .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                if (p.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl && Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
                    dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(s -> s.enabled(true)
                            .attributeName(String.valueOf(ttl.get("AttributeName")))));
                }
            } catch (ResourceInUseException exists) {
                LOG.debugf("table %s exists", name);
            }
            t.created(id, name, Map.of("Arn", "arn:aws:dynamodb:" + config.region() + ":" + config.accountId() + ":table/" + name));
        }
    }

    /**
     * The web front end's bucket and its policy (read only by the CloudFront distribution) have no local
     * counterpart: locally the gateway serves web/dist itself (LocalWebAssets), on the API's origin.
     */
    public static final java.util.Set<String> EDGE_ONLY = java.util.Set.of("WebAssetsBucket", "WebAssetsBucketPolicy");

    /** Bucket and queue policies, after every bucket and queue exists (they name each other's ARNs). */
    @SuppressWarnings("unchecked")
    private void policies(CfnTemplate t) {
        try {
            for (String id : t.ofType("AWS::S3::BucketPolicy")) {
                if (EDGE_ONLY.contains(id)) {
                    continue;
                }
                Map<String, Object> p = (Map<String, Object>) t.resolve(t.properties(id));
                String document = JSON.writeValueAsString(p.get("PolicyDocument"));
                s3.putBucketPolicy(r -> r.bucket(String.valueOf(p.get("Bucket"))).policy(document));
            }
            for (String id : t.ofType("AWS::SQS::QueuePolicy")) {
                Map<String, Object> p = (Map<String, Object>) t.resolve(t.properties(id));
                String document = JSON.writeValueAsString(p.get("PolicyDocument"));
                for (Object url : (List<Object>) p.get("Queues")) {
                    sqs.setQueueAttributes(r -> r.queueUrl(String.valueOf(url)).attributes(Map.of(QueueAttributeName.POLICY, document)));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> elements) {
        return elements.stream().map(k -> KeySchemaElement.builder().attributeName(String.valueOf(k.get("AttributeName")))
                .keyType(String.valueOf(k.get("KeyType"))).build()).toList();
    }

    @SuppressWarnings("unchecked")
    private void buckets(CfnTemplate t) {
        for (String id : t.ofType("AWS::S3::Bucket")) {
            if (EDGE_ONLY.contains(id)) {
                continue;
            }
            // The CORS rules name the portal's public origin (a parameter without a local value): they are
            // applied with the local gateway's origin instead, the one the local portal is served from.
            Map<String, Object> raw = new java.util.LinkedHashMap<>(t.properties(id));
            Object cors = raw.remove("CorsConfiguration");
            Map<String, Object> p = (Map<String, Object>) t.resolve(raw);
            String name = String.valueOf(p.get("BucketName"));
            t.created(id, name, Map.of("Arn", "arn:aws:s3:::" + name));
            boolean objectLock = Boolean.parseBoolean(String.valueOf(p.get("ObjectLockEnabled")));
            try {
                s3.createBucket(r -> r.bucket(name).objectLockEnabledForBucket(objectLock ? true : null).createBucketConfiguration(
                        c -> c.locationConstraint(BucketLocationConstraint.fromValue(config.region()))));
            } catch (BucketAlreadyOwnedByYouException exists) {
                LOG.debugf("bucket %s exists", name);
            }
            if (objectLock && p.get("ObjectLockConfiguration") instanceof Map<?, ?> lock
                    && lock.get("Rule") instanceof Map<?, ?> rule && rule.get("DefaultRetention") instanceof Map<?, ?> retention) {
                s3.putObjectLockConfiguration(r -> r.bucket(name).objectLockConfiguration(c -> c.objectLockEnabled("Enabled")
                        .rule(x -> x.defaultRetention(d -> d.mode(String.valueOf(retention.get("Mode")))
                                .years(retention.get("Years") == null ? null : Integer.valueOf(String.valueOf(retention.get("Years"))))
                                .days(retention.get("Days") == null ? null : Integer.valueOf(String.valueOf(retention.get("Days"))))))));
            }
            if (p.get("VersioningConfiguration") instanceof Map<?, ?> v) {
                s3.putBucketVersioning(r -> r.bucket(name).versioningConfiguration(c -> c.status(String.valueOf(v.get("Status")))));
            }
            if (p.get("BucketEncryption") instanceof Map<?, ?> encryption) {
                var rule = ((List<Map<String, Object>>) encryption.get("ServerSideEncryptionConfiguration")).get(0);
                var byDefault = (Map<String, Object>) rule.get("ServerSideEncryptionByDefault");
                s3.putBucketEncryption(r -> r.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(x -> x
                        .bucketKeyEnabled(Boolean.parseBoolean(String.valueOf(rule.get("BucketKeyEnabled"))))
                        .applyServerSideEncryptionByDefault(d -> d
                                .sseAlgorithm(ServerSideEncryption.fromValue(String.valueOf(byDefault.get("SSEAlgorithm"))))
                                .kmsMasterKeyID((String) byDefault.get("KMSMasterKeyID"))))));
            }
            if (p.get("OwnershipControls") instanceof Map<?, ?> ownership) {
                List<String> rules = ((List<Map<String, Object>>) ownership.get("Rules")).stream()
                        .map(rule -> String.valueOf(rule.get("ObjectOwnership"))).toList();
                s3.putBucketOwnershipControls(r -> r.bucket(name).ownershipControls(c -> c.rules(rules.stream()
                        .map(o -> OwnershipControlsRule.builder().objectOwnership(o).build()).toList())));
            }
            if (p.get("PublicAccessBlockConfiguration") instanceof Map<?, ?> pab) {
                s3.putPublicAccessBlock(r -> r.bucket(name).publicAccessBlockConfiguration(c -> c
                        .blockPublicAcls(Boolean.parseBoolean(String.valueOf(pab.get("BlockPublicAcls"))))
                        .blockPublicPolicy(Boolean.parseBoolean(String.valueOf(pab.get("BlockPublicPolicy"))))
                        .ignorePublicAcls(Boolean.parseBoolean(String.valueOf(pab.get("IgnorePublicAcls"))))
                        .restrictPublicBuckets(Boolean.parseBoolean(String.valueOf(pab.get("RestrictPublicBuckets"))))));
            }
            if (cors instanceof Map<?, ?> c && c.get("CorsRules") instanceof List<?> rules && config.gateway().port() > 0) {
                List<String> origins = List.of("http://127.0.0.1:" + config.gateway().port(), "http://localhost:" + config.gateway().port());
                List<CORSRule> local = rules.stream().map(rule -> (Map<String, Object>) rule).map(rule -> CORSRule.builder()
                        .allowedOrigins(origins)
                        .allowedMethods((List<String>) rule.get("AllowedMethods"))
                        .allowedHeaders((List<String>) rule.getOrDefault("AllowedHeaders", List.of()))
                        .exposeHeaders((List<String>) rule.getOrDefault("ExposedHeaders", List.of()))
                        .maxAgeSeconds(rule.get("MaxAge") == null ? null : Integer.valueOf(String.valueOf(rule.get("MaxAge"))))
                        .build()).toList();
                s3.putBucketCors(r -> r.bucket(name).corsConfiguration(x -> x.corsRules(local)));
            }
            if (p.get("NotificationConfiguration") instanceof Map<?, ?> notification
                    && notification.get("QueueConfigurations") instanceof List<?> queues) {
                List<QueueConfiguration> configurations = new ArrayList<>();
                for (Object q : queues) {
                    Map<String, Object> queue = (Map<String, Object>) q;
                    List<FilterRule> rules = new ArrayList<>();
                    if (queue.get("Filter") instanceof Map<?, ?> filter && filter.get("S3Key") instanceof Map<?, ?> s3Key) {
                        for (Object rule : (List<Object>) s3Key.get("Rules")) {
                            Map<String, Object> r = (Map<String, Object>) rule;
                            rules.add(FilterRule.builder().name(String.valueOf(r.get("Name")).toLowerCase())
                                    .value(String.valueOf(r.get("Value"))).build());
                        }
                    }
                    QueueConfiguration.Builder configuration = QueueConfiguration.builder()
                            .queueArn(String.valueOf(queue.get("Queue")))
                            .eventsWithStrings(Event.fromValue(String.valueOf(queue.get("Event"))).toString());
                    if (!rules.isEmpty()) {
                        configuration.filter(f -> f.key(k -> k.filterRules(rules)));
                    }
                    configurations.add(configuration.build());
                }
                s3.putBucketNotificationConfiguration(r -> r.bucket(name).notificationConfiguration(c -> c.queueConfigurations(configurations)));
            }
        }
    }
}
