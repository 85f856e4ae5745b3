package io.kycvault.testing.authz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kycvault.local.InvokedFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.signer.AwsSignerExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.kms.model.CreateAliasRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Records every AWS call made in the test JVM as the request AWS would authorize: which function
 * made it (its role), the service, the operation and the request fields that name resources or feed
 * condition keys (table, index, partition keys, bucket, object key, version, SSE headers, KMS key,
 * encryption context, queue, event bus). Presigned requests are recorded too, marked as such: AWS
 * authorizes them, when they are used, against the role that signed them.
 *
 * <p>Installed for every SDK client of the tests through the SDK's global interceptor list
 * (src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors), so no
 * production code knows about it. Lines go to {@code target/authz/calls.jsonl}, one per distinct
 * call shape per test (ids are replaced by {@code {id}}); {@code infra/authz} evaluates them against
 * the template's policies.
 *
 * <p>Reads of an object also record the object's {@code GuardDutyMalwareScanStatus} tag as it is at
 * that moment (the condition key {@code s3:ExistingObjectTag/GuardDutyMalwareScanStatus} of the
 * bucket policy's malware gate), looked up with a client of the recorder's own, whose calls are not
 * recorded.
 */
public class AwsCallRecorder implements ExecutionInterceptor {

    static final Path OUT = Path.of("target", "authz", "calls.jsonl");
    /**
     * Recording is on only where this is true: surefire's JVM (pom.xml), whose calls the oracle reads.
     * The benchmarks share the test classpath, and with it this interceptor, but measure without it.
     */
    static final boolean RECORDING = Boolean.getBoolean("kyc.authz.record");
    /** Set by {@link CurrentTest} (a system property: it crosses Quarkus's class loaders). */
    static final String TEST_PROPERTY = "kyc.authz.current-test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|0x[0-9a-fA-F]{40}|\\b[0-9]{10,}\\b");
    private static final Pattern KEY_CONDITION = Pattern.compile("(#?\\w+)\\s*=\\s*(:\\w+)");
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    /** KMS key id or ARN → alias or template logical id, learned from the provisioner's own calls. */
    private static final Map<String, String> KEY_NAMES = new ConcurrentHashMap<>();

    /** Set while the recorder makes its own calls (the scan tag look-up), which are not the application's. */
    private static final ThreadLocal<Boolean> OWN_CALL = ThreadLocal.withInitial(() -> false);
    private static final String SCAN_TAG = "GuardDutyMalwareScanStatus";
    private static volatile software.amazon.awssdk.services.s3.S3Client tags;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!RECORDING || OWN_CALL.get()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        ObjectNode call = JSON.createObjectNode();
        call.put("function", InvokedFunction.current().orElse(null));
        call.put("service", service);
        call.put("operation", operation);
        call.put("presigned", attributes.getAttribute(AwsSignerExecutionAttribute.PRESIGNER_EXPIRATION) != null);
        describe(context.request(), call.putObject("request"));
        String line = normalize(call.toString());
        String test = System.getProperty(TEST_PROPERTY, "(no test)");
        ObjectNode withTest;
        try {
            withTest = (ObjectNode) JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        withTest.put("test", test);
        String out = withTest.toString();
        if (SEEN.add(out)) {
            append(out);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!RECORDING) {
            return;
        }
        if (context.request() instanceof CreateKeyRequest create && context.response() instanceof CreateKeyResponse created
                && create.description() != null) {
            // The local provisioner names each key after its logical id in template.yaml.
            KEY_NAMES.put(created.keyMetadata().keyId(), "logical:" + create.description());
            KEY_NAMES.put(created.keyMetadata().arn(), "logical:" + create.description());
        } else if (context.response() instanceof ListAliasesResponse aliases) {
            aliases.aliases().forEach(a -> {
                if (a.targetKeyId() != null) {
                    KEY_NAMES.putIfAbsent(a.targetKeyId(), a.aliasName());
                }
            });
        } else if (context.request() instanceof CreateAliasRequest alias) {
            KEY_NAMES.putIfAbsent(alias.targetKeyId(), alias.aliasName());
        } else if (context.response() instanceof software.amazon.awssdk.services.kms.model.DescribeKeyResponse described
                && context.request() instanceof software.amazon.awssdk.services.kms.model.DescribeKeyRequest asked) {
            String name = KEY_NAMES.getOrDefault(described.keyMetadata().keyId(), asked.keyId());
            KEY_NAMES.putIfAbsent(described.keyMetadata().arn(), name);
            KEY_NAMES.putIfAbsent(described.keyMetadata().keyId(), name);
        }
    }

    private static void describe(SdkRequest request, ObjectNode out) {
        switch (request) {
            case GetItemRequest r -> item(out, r.tableName(), r.key());
            case PutItemRequest r -> item(out, r.tableName(), r.item());
            case UpdateItemRequest r -> item(out, r.tableName(), r.key());
            case DeleteItemRequest r -> item(out, r.tableName(), r.key());
            case QueryRequest r -> {
                out.put("table", r.tableName());
                out.put("index", r.indexName());
                ArrayNode keys = out.putArray("leadingKeys");
                if (r.keyConditionExpression() != null) {
                    Matcher m = KEY_CONDITION.matcher(r.keyConditionExpression());
                    if (m.find() && r.expressionAttributeValues().containsKey(m.group(2))) {
                        keys.add(text(r.expressionAttributeValues().get(m.group(2))));
                    }
                }
            }
            case ScanRequest r -> {
                out.put("table", r.tableName());
                out.put("index", r.indexName());
            }
            case BatchGetItemRequest r -> {
                ArrayNode items = out.putArray("items");
                r.requestItems().forEach((table, keys) -> keys.keys().forEach(k -> items.add(item(JSON.createObjectNode(), table, k))));
            }
            case BatchWriteItemRequest r -> {
                ArrayNode items = out.putArray("items");
                r.requestItems().forEach((table, writes) -> writes.forEach(w -> {
                    ObjectNode i = item(JSON.createObjectNode(), table, w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key());
                    i.put("kind", w.putRequest() != null ? "Put" : "Delete");
                    items.add(i);
                }));
            }
            case TransactWriteItemsRequest r -> {
                ArrayNode items = out.putArray("items");
                for (TransactWriteItem w : r.transactItems()) {
                    ObjectNode i = JSON.createObjectNode();
                    if (w.put() != null) {
                        item(i, w.put().tableName(), w.put().item()).put("kind", "Put");
                    } else if (w.update() != null) {
                        item(i, w.update().tableName(), w.update().key()).put("kind", "Update");
                    } else if (w.delete() != null) {
                        item(i, w.delete().tableName(), w.delete().key()).put("kind", "Delete");
                    } else if (w.conditionCheck() != null) {
                        item(i, w.conditionCheck().tableName(), w.conditionCheck().key()).put("kind", "ConditionCheck");
                    }
                    items.add(i);
                }
            }
            case TransactGetItemsRequest r -> {
                ArrayNode items = out.putArray("items");
                r.transactItems().forEach(g -> items.add(item(JSON.createObjectNode(), g.get().tableName(), g.get().key()).put("kind", "Get")));
            }
            case PutObjectRequest r -> {
                object(out, r.bucket(), r.key(), null);
                out.put("sse", r.serverSideEncryptionAsString());
                out.put("sseKmsKeyId", key(r.ssekmsKeyId()));
                out.put("ifNoneMatch", r.ifNoneMatch());
                if (r.tagging() != null) {
                    ArrayNode keys = out.putArray("tagKeys");
                    java.util.Arrays.stream(r.tagging().split("&")).map(t -> t.split("=", 2)[0]).sorted().forEach(keys::add);
                }
            }
            case GetObjectRequest r -> {
                object(out, r.bucket(), r.key(), r.versionId());
                out.put("scanTag", scanTag(r.bucket(), r.key(), r.versionId()));
            }
            case HeadObjectRequest r -> {
                object(out, r.bucket(), r.key(), r.versionId());
                out.put("scanTag", scanTag(r.bucket(), r.key(), r.versionId()));
            }
            case PutObjectTaggingRequest r -> {
                object(out, r.bucket(), r.key(), r.versionId());
                ArrayNode keys = out.putArray("tagKeys");
                r.tagging().tagSet().stream().map(software.amazon.awssdk.services.s3.model.Tag::key).sorted().forEach(keys::add);
            }
            case GetObjectTaggingRequest r -> object(out, r.bucket(), r.key(), r.versionId());
            case DeleteObjectTaggingRequest r -> object(out, r.bucket(), r.key(), r.versionId());
            case DeleteObjectRequest r -> {
                object(out, r.bucket(), r.key(), r.versionId());
                out.put("bypassGovernanceRetention", Boolean.TRUE.equals(r.bypassGovernanceRetention()));
            }
            case software.amazon.awssdk.services.s3.model.PutObjectRetentionRequest r -> {
                object(out, r.bucket(), r.key(), r.versionId());
                out.put("retentionMode", r.retention() == null ? null : r.retention().modeAsString());
            }
            case ListObjectVersionsRequest r -> {
                out.put("bucket", r.bucket());
                out.put("prefix", r.prefix());
            }
            case software.amazon.awssdk.services.s3.model.ListObjectsV2Request r -> {
                out.put("bucket", r.bucket());
                out.put("prefix", r.prefix());
            }
            case PutEventsRequest r -> {
                ArrayNode buses = out.putArray("eventBuses");
                r.entries().forEach(e -> buses.add(e.eventBusName() == null ? "default" : e.eventBusName()));
            }
            default -> generic(request, out);
        }
    }

    /** KMS, SQS and the rest: the fields that name a resource or feed a condition key. */
    private static void generic(SdkRequest request, ObjectNode out) {
        request.getValueForField("KeyId", String.class).ifPresent(k -> out.put("keyId", key(k)));
        request.getValueForField("QueueUrl", String.class).ifPresent(u -> out.put("queue", u.substring(u.lastIndexOf('/') + 1)));
        request.getValueForField("QueueName", String.class).ifPresent(q -> out.put("queue", q));
        request.getValueForField("Bucket", String.class).ifPresent(b -> out.put("bucket", b));
        request.getValueForField("TableName", String.class).ifPresent(t -> out.put("table", t));
        request.getValueForField("Name", String.class).ifPresent(n -> out.put("name", n));
        request.getValueForField("EncryptionContext", Map.class).ifPresent(c -> {
            ArrayNode keys = out.putArray("encryptionContextKeys");
            c.keySet().stream().map(String::valueOf).sorted().forEach(k -> keys.add((String) k));
        });
    }

    private static ObjectNode item(ObjectNode out, String table, Map<String, AttributeValue> key) {
        out.put("table", table);
        AttributeValue pk = key == null ? null : key.get("pk");
        out.put("pk", pk == null ? null : text(pk));
        return out;
    }

    private static void object(ObjectNode out, String bucket, String key, String versionId) {
        out.put("bucket", bucket);
        out.put("key", key);
        out.put("versioned", versionId != null);
    }

    /**
     * The object's scan tag now (null when it has none, or the object does not exist), read from the
     * emulator the tests started ({@code kyc.test.aws-endpoint}).
     */
    private static String scanTag(String bucket, String key, String versionId) {
        String endpoint = System.getProperty("kyc.test.aws-endpoint");
        if (endpoint == null || bucket == null || key == null) {
            return null;
        }
        OWN_CALL.set(true);
        try {
            if (tags == null) {
                synchronized (AwsCallRecorder.class) {
                    if (tags == null) {
                        tags = software.amazon.awssdk.services.s3.S3Client.builder().endpointOverride(java.net.URI.create(endpoint))
                                .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1).forcePathStyle(true)
                                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("123456789012", "test")))
                                .build();
                    }
                }
            }
            return tags.getObjectTagging(r -> r.bucket(bucket).key(key).versionId(versionId)).tagSet().stream()
                    .filter(t -> SCAN_TAG.equals(t.key())).map(software.amazon.awssdk.services.s3.model.Tag::value).findFirst().orElse(null);
        } catch (software.amazon.awssdk.core.exception.SdkException missing) {
            return null;
        } finally {
            OWN_CALL.set(false);
        }
    }

    private static String text(AttributeValue value) {
        return value.s() != null ? value.s() : value.n() != null ? value.n() : String.valueOf(value);
    }

    private static String key(String ref) {
        if (ref == null) {
            return null;
        }
        return KEY_NAMES.getOrDefault(ref, ref);
    }

    private static String normalize(String line) {
        return ID.matcher(line).replaceAll("{id}");
    }

    private static synchronized void append(String line) {
        try {
            Files.createDirectories(OUT.getParent());
            // One file per test JVM: the first recorder (of whichever class loader) starts it afresh.
            synchronized (System.class) {
                if (System.getProperty("kyc.authz.started") == null) {
                    System.setProperty("kyc.authz.started", "true");
                    Files.deleteIfExists(OUT);
                }
            }
            Files.writeString(OUT, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
