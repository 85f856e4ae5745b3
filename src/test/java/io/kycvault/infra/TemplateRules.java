package io.kycvault.infra;

import io.kycvault.local.CfnTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Least-privilege rules that cfn-lint and checkov do not check: no wildcard actions, and no
 * wildcard resource for any data-store action (S3, DynamoDB, KMS, SQS). X-Ray, which accepts no
 * resource-level permissions, is the one service allowed a wildcard resource.
 */
final class TemplateRules {

    private static final List<String> DATA_STORES = List.of("s3:", "dynamodb:", "kms:", "sqs:", "secretsmanager:", "ssm:");

    private TemplateRules() {
    }

    static CfnTemplate load(Path file) throws Exception {
        return CfnTemplate.load(file, "kyc-vault", "123456789012", "eu-central-1");
    }

    /** Every violation in every IAM role of the template, named. */
    static List<String> violations(CfnTemplate template) {
        List<String> found = new ArrayList<>();
        List<String> holders = new ArrayList<>(template.ofType("AWS::IAM::Role"));
        holders.addAll(template.ofType("AWS::IAM::Policy"));
        for (String role : holders) {
            for (Map<String, Object> statement : statements(template, role)) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                List<String> actions = strings(statement.get("Action"));
                for (String action : actions) {
                    if (action.equals("*") || action.endsWith(":*")) {
                        found.add(role + ": wildcard action " + action);
                    }
                }
                boolean dataStore = actions.stream().anyMatch(a -> DATA_STORES.stream().anyMatch(a::startsWith) || a.equals("*"));
                Object resource = statement.get("Resource");
                List<Object> resources = resource instanceof List<?> l ? new ArrayList<>(l) : List.of(resource);
                if (dataStore && resources.stream().anyMatch(r -> "*".equals(r))) {
                    found.add(role + ": data-store actions " + actions + " on Resource \"*\"");
                }
                if (resources.stream().anyMatch(r -> "*".equals(r)) && !actions.stream().allMatch(a -> a.startsWith("xray:"))) {
                    found.add(role + ": Resource \"*\" for " + actions);
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(CfnTemplate template, String role) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> properties = template.properties(role);
        List<Object> policies = properties.containsKey("PolicyDocument") ? List.of(properties)
                : (List<Object>) properties.getOrDefault("Policies", List.of());
        for (Object policy : policies) {
            Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) policy).get("PolicyDocument");
            Object statements = document.get("Statement");
            if (statements instanceof List<?> list) {
                list.forEach(s -> out.add((Map<String, Object>) s));
            } else {
                out.add((Map<String, Object>) statements);
            }
        }
        return out;
    }

    static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
