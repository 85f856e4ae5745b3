package io.kycvault.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kycvault.local.CfnTemplate;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What cfn-lint and checkov do not check about template.yaml. */
class TemplateTest {

    /** DESIGN.md's API table. */
    static final List<String> DESIGN_ROUTES = List.of(
            "POST /cases", "GET /cases/{caseId}", "POST /cases/{caseId}/documents", "POST /cases/{caseId}/wallets/challenge",
            "POST /cases/{caseId}/wallets", "POST /cases/{caseId}/submit", "GET /me/export", "DELETE /me", "GET /review/queue",
            "GET /review/cases/{caseId}", "POST /review/cases/{caseId}/documents/{documentId}/view",
            "POST /review/cases/{caseId}/decisions", "GET /audit/cases/{caseId}");

    static CfnTemplate template;

    @BeforeAll
    static void load() throws Exception {
        template = TemplateRules.load(Path.of("template.yaml"));
    }

    @Test
    void functionPoliciesNameOnlyTheirOwnActionsAndResources() {
        assertThat(TemplateRules.violations(template)).isEmpty();
        List<String> roles = new ArrayList<>();
        for (String function : template.ofType("AWS::Serverless::Function")) {
            Object role = template.properties(function).get("Role");
            assertThat(role).as(function + " has its own role").isInstanceOf(Map.class);
            roles.add(String.valueOf(((Map<?, ?>) role).get("Fn::GetAtt")));
        }
        assertThat(roles).doesNotHaveDuplicates();
    }

    @Test
    void aWidenedPolicyIsCaught() throws Exception {
        var violations = TemplateRules.violations(TemplateRules.load(Path.of("src/test/resources/fixtures/widened-template.yaml")));
        assertThat(violations).anyMatch(v -> v.contains("wildcard action s3:*"));
        assertThat(violations).anyMatch(v -> v.contains("wildcard action kms:*"));
        assertThat(violations).anyMatch(v -> v.contains("data-store actions [dynamodb:GetItem, dynamodb:PutItem] on Resource \"*\""));
        assertThat(violations).anyMatch(v -> v.startsWith("SloppyStandalonePolicy: data-store actions [sqs:SendMessage]"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsBucketPolicyDeniesWhatPresignedUrlsMustNotDo() {
        Map<String, Object> document = (Map<String, Object>) template.properties("DocumentsBucketPolicy").get("PolicyDocument");
        List<Map<String, Object>> denies = ((List<Map<String, Object>>) document.get("Statement")).stream()
                .filter(s -> "Deny".equals(s.get("Effect"))).toList();
        Set<String> conditions = new HashSet<>();
        for (Map<String, Object> deny : denies) {
            ((Map<String, Map<String, Object>>) deny.get("Condition")).forEach((operator, keys) ->
                    keys.forEach((key, value) -> conditions.add(operator + " " + key + " " + value)));
        }
        assertThat(conditions).contains(
                "Bool aws:SecureTransport false",
                "StringNotEquals s3:x-amz-server-side-encryption aws:kms",
                "ArnNotEquals s3:x-amz-server-side-encryption-aws-kms-key-id {Fn::GetAtt=DocumentsKey.Arn}",
                "Null s3:if-none-match true");
    }

    @Test
    void everyHandlerInTheTemplateExistsAndEveryHandlerIsDeployed() throws Exception {
        Set<String> deployed = new TreeSet<>();
        for (String function : template.ofType("AWS::Serverless::Function")) {
            Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) template.properties(function).get("Environment")).get("Variables");
            deployed.add(String.valueOf(variables.get("QUARKUS_LAMBDA_HANDLER")));
        }
        Set<String> inCode = new TreeSet<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                Named named = type.getAnnotation(Named.class);
                if (named != null && RequestHandler.class.isAssignableFrom(type)) {
                    inCode.add(named.value());
                }
            }
        }
        assertThat(deployed).isEqualTo(inCode);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteOfTheDesignIsBehindTheJwtAuthorizer() {
        Map<String, Object> auth = (Map<String, Object>) template.properties("HttpApi").get("Auth");
        assertThat(auth.get("DefaultAuthorizer")).isEqualTo("CognitoJwt");
        Map<String, String> routes = new HashMap<>();
        for (String function : template.ofType("AWS::Serverless::Function")) {
            Map<String, Object> events = (Map<String, Object>) template.properties(function).getOrDefault("Events", Map.of());
            for (Object e : events.values()) {
                Map<String, Object> event = (Map<String, Object>) e;
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> p = (Map<String, Object>) event.get("Properties");
                    assertThat(p).as("no route opts out of the authorizer").doesNotContainKey("Auth");
                    routes.put(p.get("Method") + " " + p.get("Path"), function);
                }
            }
        }
        assertThat(routes.keySet()).containsAll(DESIGN_ROUTES);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionHasADeadLetterQueueTracingAndLogRetention() {
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) readRoot().get("Globals")).get("Function");
        assertThat(globals.get("Tracing")).isEqualTo("Active");
        assertThat((Map<String, Object>) globals.get("DeadLetterQueue")).containsEntry("Type", "SQS");
        for (String function : template.ofType("AWS::Serverless::Function")) {
            Map<String, Object> properties = template.properties(function);
            assertThat(properties).as(function).doesNotContainKey("Tracing");
            Map<String, Object> logging = (Map<String, Object>) properties.get("LoggingConfig");
            String logGroup = String.valueOf(((Map<String, Object>) logging.get("LogGroup")).get("Ref"));
            assertThat(template.properties(logGroup)).as(function + " log group").containsKey("RetentionInDays");
            assertThat(properties).as(function).containsKey("ReservedConcurrentExecutions");
        }
        assertThat(template.properties("ChainRegistrationFunction").get("ReservedConcurrentExecutions")).isEqualTo(1);
    }

    private static Map<String, Object> readRoot() {
        try {
            return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()) {
                {
                    this.yamlConstructors.put(null, new org.yaml.snakeyaml.constructor.AbstractConstruct() {
                        @Override
                        public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                            return null;
                        }
                    });
                }
            }).load(Files.readString(Path.of("template.yaml")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
