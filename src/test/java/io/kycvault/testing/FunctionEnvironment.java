package io.kycvault.testing;

import io.kycvault.local.CfnTemplate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The environment SAM gives each function of {@code template.yaml}: the Globals' variables, then the
 * function's own, with every intrinsic resolved to a well-formed stand-in for account 123456789012 in
 * eu-central-1 (key ARNs, queue URLs, table and bucket names) and the deploy's parameters set to
 * plausible values. Nothing here is hand-listed per variable, so a variable added to the template
 * reaches the functions started with it.
 */
public final class FunctionEnvironment {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "eu-central-1";

    /** Values for the template's parameters that have no default (what `sam deploy` would be given). */
    private static final Map<String, String> PARAMETERS = Map.of(
            "EthereumRpcUrl", "https://rpc.example.com",
            "ChainId", "11155111",
            "ChainConfirmations", "2",
            "RegistrarAddress", "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            "AlarmEmail", "compliance-ops@example.com",
            "EdgeWebAclArn", "arn:aws:wafv2:us-east-1:" + ACCOUNT + ":global/webacl/kyc-vault/" + UUID.nameUUIDFromBytes(new byte[] {1}),
            "ApiDomainName", "kyc.example.com",
            "ApiCertificateArn", "arn:aws:acm:" + REGION + ":" + ACCOUNT + ":certificate/" + UUID.nameUUIDFromBytes(new byte[] {2}),
            "KeyAdminRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/kyc-vault-key-admin");

    private FunctionEnvironment() {
    }

    /** Handler name ({@code QUARKUS_LAMBDA_HANDLER}) → the whole environment of that function. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, String>> byHandler(Path template) throws Exception {
        CfnTemplate cfn = CfnTemplate.load(template, "kyc-vault", ACCOUNT, REGION);
        cfn.section("Parameters").forEach((name, declaration) -> {
            if (!(declaration instanceof Map<?, ?> d && d.containsKey("Default")) && !PARAMETERS.containsKey(name)) {
                throw new IllegalStateException("parameter " + name + " has no default: give it a value in FunctionEnvironment");
            }
        });
        PARAMETERS.forEach((name, value) -> cfn.created(name, value, Map.of()));
        cfn.resources().forEach((id, resource) -> standIn(cfn, id, String.valueOf(resource.get("Type"))));
        Map<String, Object> globals = (Map<String, Object>) cfn.section("Globals").get("Function");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String function : cfn.ofType("AWS::Serverless::Function")) {
            Map<String, String> env = new LinkedHashMap<>(variables(cfn, globals));
            env.putAll(variables(cfn, cfn.properties(function)));
            String handler = env.get("QUARKUS_LAMBDA_HANDLER");
            if (handler == null) {
                throw new IllegalStateException(function + " names no QUARKUS_LAMBDA_HANDLER");
            }
            out.put(handler, env);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> variables(CfnTemplate cfn, Map<String, Object> properties) {
        Map<String, String> out = new LinkedHashMap<>();
        if (properties.get("Environment") instanceof Map<?, ?> environment && environment.get("Variables") instanceof Map<?, ?> vars) {
            ((Map<String, Object>) vars).forEach((name, value) -> out.put(name, cfn.string(value)));
        }
        return out;
    }

    /** What Ref and GetAtt of one resource give in AWS, in shape (names from the logical id). */
    private static void standIn(CfnTemplate cfn, String id, String type) {
        String name = "kyc-vault-" + id.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String uuid = UUID.nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        String arnPrefix = "arn:aws:%s:" + REGION + ":" + ACCOUNT + ":";
        switch (type) {
            case "AWS::KMS::Key" -> cfn.created(id, uuid, Map.of("Arn", arnPrefix.formatted("kms") + "key/" + uuid, "KeyId", uuid));
            case "AWS::SQS::Queue" -> cfn.created(id, "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name,
                    Map.of("Arn", arnPrefix.formatted("sqs") + name, "QueueName", name, "QueueUrl",
                            "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + name));
            case "AWS::S3::Bucket" -> cfn.created(id, name + "-" + ACCOUNT, Map.of("Arn", "arn:aws:s3:::" + name + "-" + ACCOUNT,
                    "DomainName", name + "-" + ACCOUNT + ".s3.amazonaws.com", "RegionalDomainName",
                    name + "-" + ACCOUNT + ".s3." + REGION + ".amazonaws.com"));
            case "AWS::DynamoDB::Table" -> cfn.created(id, name, Map.of("Arn", arnPrefix.formatted("dynamodb") + "table/" + name,
                    "StreamArn", arnPrefix.formatted("dynamodb") + "table/" + name + "/stream/2026-01-01T00:00:00.000"));
            case "AWS::Events::EventBus" -> cfn.created(id, name, Map.of("Arn", arnPrefix.formatted("events") + "event-bus/" + name,
                    "Name", name));
            case "AWS::SecretsManager::Secret" -> cfn.created(id, arnPrefix.formatted("secretsmanager") + "secret:" + name + "-AbCdEf",
                    Map.of("Id", arnPrefix.formatted("secretsmanager") + "secret:" + name + "-AbCdEf"));
            default -> cfn.created(id, name, Map.of("Arn", arnPrefix.formatted("service") + name));
        }
    }
}
