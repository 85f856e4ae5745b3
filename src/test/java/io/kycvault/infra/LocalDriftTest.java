package io.kycvault.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.local.CfnTemplate;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack is created from template.yaml (LocalProvisioner); this reads the emulators back
 * and compares with the template, so names, keys, indexes, queue settings, the notification prefix
 * and every bucket's ownership controls, public access block, versioning, encryption and policy,
 * and the queue policies, cannot drift apart.
 */
@QuarkusTest
class LocalDriftTest {

    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    SqsClient sqs;
    @Inject
    KmsClient kms;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @SuppressWarnings("unchecked")
    private static List<String> sids(Map<String, Object> policyResource) {
        Map<String, Object> document = (Map<String, Object>) policyResource.get("PolicyDocument");
        return ((List<Map<String, Object>>) document.get("Statement")).stream().map(s -> String.valueOf(s.get("Sid"))).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void emulatorResourcesMatchTheTemplate() throws Exception {
        CfnTemplate t = TemplateRules.load(Path.of("template.yaml"));
        Map<String, Object> table = t.properties("CasesTable");
        var described = dynamo.describeTable(r -> r.tableName("kyc-vault-cases")).table();
        assertThat(described.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("pk:HASH", "sk:RANGE");
        List<Map<String, Object>> indexes = (List<Map<String, Object>>) table.get("GlobalSecondaryIndexes");
        assertThat(described.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrderElementsOf(indexes.stream().map(i -> String.valueOf(i.get("IndexName"))).toList());
        assertThat(dynamo.describeTimeToLive(r -> r.tableName("kyc-vault-cases")).timeToLiveDescription().attributeName())
                .isEqualTo("expiresAt");

        String bucket = "kyc-vault-documents-123456789012-eu-central-1";
        assertThat(s3.getBucketVersioning(r -> r.bucket(bucket)).statusAsString()).isEqualTo("Enabled");
        var notification = s3.getBucketNotificationConfiguration(r -> r.bucket(bucket)).queueConfigurations();
        assertThat(notification).hasSize(1);
        assertThat(notification.get(0).queueArn()).endsWith(":kyc-vault-upload-events");
        assertThat(notification.get(0).filter().key().filterRules()).anySatisfy(rule -> {
            assertThat(rule.nameAsString()).isEqualToIgnoringCase("prefix");
            assertThat(rule.value()).isEqualTo("incoming/");
        });
        String keyAlias = kms.listAliases().aliases().stream().filter(a -> a.aliasName().equals("alias/kyc-vault-documents"))
                .findFirst().orElseThrow().targetKeyId();
        var encryption = s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
        assertThat(encryption.applyServerSideEncryptionByDefault().kmsMasterKeyID()).contains(keyAlias);

        for (String queue : t.ofType("AWS::SQS::Queue")) {
            Map<String, Object> p = t.properties(queue);
            String name = t.string(p.get("QueueName"));
            String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
            if (p.containsKey("VisibilityTimeout")) {
                assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).as(name).isEqualTo(String.valueOf(p.get("VisibilityTimeout")));
            }
            if (p.containsKey("RedrivePolicy")) {
                assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).as(name)
                        .contains(String.valueOf(((Map<String, Object>) p.get("RedrivePolicy")).get("maxReceiveCount")));
            }
            assertThat(name.endsWith(".fifo")).isEqualTo(Boolean.parseBoolean(String.valueOf(p.getOrDefault("FifoQueue", "false"))));
        }
        // Every protection of every bucket the emulator holds: ownership, public access block, versioning,
        // default encryption, the bucket policy's statements; every queue policy's statements.
        for (String id : t.ofType("AWS::S3::Bucket").stream().filter(r -> !io.kycvault.local.LocalProvisioner.EDGE_ONLY.contains(r)).toList()) {
            Map<String, Object> p = t.properties(id);
            String name = t.string(p.get("BucketName"));
            if (p.get("OwnershipControls") instanceof Map<?, ?> ownership) {
                assertThat(s3.getBucketOwnershipControls(r -> r.bucket(name)).ownershipControls().rules())
                        .extracting(rule -> rule.objectOwnershipAsString()).as(name)
                        .containsExactlyElementsOf(((List<Map<String, Object>>) ownership.get("Rules")).stream()
                                .map(rule -> String.valueOf(rule.get("ObjectOwnership"))).toList());
            }
            if (p.get("PublicAccessBlockConfiguration") instanceof Map<?, ?> pab) {
                var held = s3.getPublicAccessBlock(r -> r.bucket(name)).publicAccessBlockConfiguration();
                assertThat(List.of(held.blockPublicAcls(), held.blockPublicPolicy(), held.ignorePublicAcls(), held.restrictPublicBuckets()))
                        .as(name).containsExactly(Boolean.valueOf(String.valueOf(pab.get("BlockPublicAcls"))),
                                Boolean.valueOf(String.valueOf(pab.get("BlockPublicPolicy"))),
                                Boolean.valueOf(String.valueOf(pab.get("IgnorePublicAcls"))),
                                Boolean.valueOf(String.valueOf(pab.get("RestrictPublicBuckets"))));
            }
            if (p.get("VersioningConfiguration") instanceof Map<?, ?> v) {
                assertThat(s3.getBucketVersioning(r -> r.bucket(name)).statusAsString()).as(name).isEqualTo(String.valueOf(v.get("Status")));
            }
            if (p.get("BucketEncryption") instanceof Map<?, ?> e) {
                var declared = (Map<String, Object>) ((List<Map<String, Object>>) e.get("ServerSideEncryptionConfiguration")).get(0)
                        .get("ServerSideEncryptionByDefault");
                assertThat(s3.getBucketEncryption(r -> r.bucket(name)).serverSideEncryptionConfiguration().rules().get(0)
                        .applyServerSideEncryptionByDefault().sseAlgorithmAsString()).as(name).isEqualTo(String.valueOf(declared.get("SSEAlgorithm")));
            }
        }
        for (String id : t.ofType("AWS::S3::BucketPolicy").stream().filter(r -> !io.kycvault.local.LocalProvisioner.EDGE_ONLY.contains(r)).toList()) {
            Map<String, Object> p = t.properties(id);
            String bucketId = String.valueOf(((Map<String, Object>) p.get("Bucket")).get("Ref"));
            String name = t.string(t.properties(bucketId).get("BucketName"));
            var held = JSON.readTree(s3.getBucketPolicy(r -> r.bucket(name)).policy());
            assertThat(held.get("Statement").findValuesAsText("Sid")).as(name).containsExactlyElementsOf(sids(p));
        }
        for (String id : t.ofType("AWS::SQS::QueuePolicy")) {
            Map<String, Object> p = t.properties(id);
            for (Object queue : (List<Object>) p.get("Queues")) {
                String name = t.string(t.properties(String.valueOf(((Map<String, Object>) queue).get("Ref"))).get("QueueName"));
                String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
                var held = JSON.readTree(sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.POLICY))
                        .attributes().get(QueueAttributeName.POLICY));
                assertThat(held.get("Statement").findValuesAsText("Sid")).as(name).containsExactlyElementsOf(sids(p));
            }
        }

        for (String key : t.ofType("AWS::KMS::Key")) {
            String alias = t.string(t.properties(key + "Alias").get("AliasName"));
            var metadata = kms.describeKey(r -> r.keyId(alias)).keyMetadata();
            assertThat(metadata.keySpecAsString()).as(alias).isEqualTo(String.valueOf(t.properties(key).get("KeySpec")));
            assertThat(metadata.keyUsageAsString()).as(alias).isEqualTo(String.valueOf(t.properties(key).get("KeyUsage")));
        }
    }
}
