package io.kycvault.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kycvault.registry.model.WalletSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is kept by hand; this holds it to the code: the same routes as the route table
 * ({@link ApiRoute}) and as template.yaml's HttpApi events, both ways, each served by the same
 * function and guarded by the same group; every stable refusal code the sources can produce is in
 * the description's taxonomy and in the README's, and every operation refuses with {@code {code, message}}.
 */
class ApiDescriptionTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final List<String> BODY_CODES = List.of("MISSING_BODY", "MALFORMED_JSON", "UNKNOWN_FIELD", "INVALID_TYPE",
            "BODY_TOO_LARGE");

    static JsonNode description;

    @BeforeAll
    static void load() throws IOException {
        description = YAML.readTree(Path.of("docs", "openapi.yaml").toFile());
    }

    /** route key -> operation, as described. */
    static Map<String, JsonNode> operations() {
        Map<String, JsonNode> ops = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = description.get("paths").fields(); paths.hasNext();) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                var method = methods.next();
                if (METHODS.contains(method.getKey())) {
                    ops.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
                }
            }
        }
        return ops;
    }

    /** route key -> QUARKUS_LAMBDA_HANDLER of the function whose HttpApi event it is, from template.yaml. */
    static Map<String, String> templateRoutes() throws IOException {
        // The template's short-form intrinsics (!Ref, !Sub, ...) are tags the YAML reader skips; only literals are read here.
        JsonNode resources = YAML.readTree(Path.of("template.yaml").toFile()).get("Resources");
        Map<String, String> routes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext();) {
            JsonNode resource = it.next().getValue();
            if (!"AWS::Serverless::Function".equals(resource.path("Type").asText())) {
                continue;
            }
            JsonNode properties = resource.get("Properties");
            String handler = properties.path("Environment").path("Variables").path("QUARKUS_LAMBDA_HANDLER").asText();
            for (Iterator<JsonNode> events = properties.path("Events").elements(); events.hasNext();) {
                JsonNode event = events.next();
                if ("HttpApi".equals(event.path("Type").asText())) {
                    JsonNode p = event.get("Properties");
                    String key = p.get("Method").asText().toUpperCase() + " " + p.get("Path").asText();
                    assertThat(routes.put(key, handler)).as(key + " is routed once").isNull();
                }
            }
        }
        return routes;
    }

    @Test
    void theRouteTableTheTemplateAndTheDescriptionNameTheSameRoutesServedByTheSameFunctions() throws IOException {
        Map<String, String> table = new TreeMap<>();
        for (ApiRoute route : ApiRoute.values()) {
            table.put(route.key(), route.function());
        }
        assertThat(templateRoutes()).as("template.yaml's HttpApi events, and the function serving each").isEqualTo(table);
        assertThat(operations().keySet()).as("docs/openapi.yaml's operations").isEqualTo(table.keySet());
    }

    @Test
    void eachOperationNamesTheGroupItsRouteRequiresAndTheRefusalOfEveryoneElse() {
        Map<String, JsonNode> ops = operations();
        for (ApiRoute route : ApiRoute.values()) {
            JsonNode op = ops.get(route.key());
            String described = op.path("x-required-group").isMissingNode() ? null : op.get("x-required-group").asText();
            assertThat(described).as(route.key() + " x-required-group").isEqualTo(route.audience().group().orElse(null));
            route.audience().refusalCode().ifPresent(code ->
                    assertThat(codes(op, "403")).as(route.key() + " refuses outsiders").contains(code));
        }
        assertThat(description.at("/security/0").has("bearerJwt")).as("every operation needs the bearer JWT").isTrue();
        assertThat(description.at("/components/securitySchemes/bearerJwt/scheme").asText()).isEqualTo("bearer");
        assertThat(description.at("/components/securitySchemes/bearerJwt/bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void everyOperationRefusesWithACodeAndAMessageFromTheTaxonomy() {
        Set<String> taxonomy = taxonomy();
        operations().forEach((key, op) -> {
            assertThat(codes(op, "401")).as(key).containsExactly("UNAUTHENTICATED");
            assertThat(codes(op, "403")).as(key).contains("DIRECT_ORIGIN_ACCESS");
            assertThat(codes(op, "500")).as(key).containsExactly("INTERNAL");
            if (op.has("requestBody")) {
                assertThat(codes(op, "400")).as(key + " reads a JSON body strictly").containsAll(BODY_CODES);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = op.get("responses").fields(); it.hasNext();) {
                var response = it.next();
                if (response.getKey().startsWith("2")) {
                    continue;
                }
                JsonNode schema = response.getValue().at("/content/application~1json/schema");
                assertThat(schema.toString()).as(key + " " + response.getKey() + " is a Refusal").contains("#/components/schemas/Refusal");
                assertThat(codes(op, response.getKey())).as(key + " " + response.getKey() + " names its codes").isNotEmpty()
                        .allSatisfy(code -> assertThat(taxonomy).as("the taxonomy (RefusalCode)").contains(code));
            }
        });
        assertThat(description.at("/components/schemas/Refusal/required").toString()).contains("code").contains("message");
    }

    @Test
    void everyStableCodeTheSourcesCanProduceIsInTheDescriptionAndInTheReadme() throws IOException {
        Set<String> produced = producedCodes();
        assertThat(produced).as("the scan found the codes").hasSizeGreaterThan(50).contains("INVALID_SHA256", "WRONG_SIGNER",
                "NOT_A_REVIEWER", "NUMBER_OUT_OF_RANGE", "INVALID_PERSONAL_DATA");
        Set<String> taxonomy = taxonomy();
        assertThat(taxonomy).as("docs/openapi.yaml RefusalCode").containsAll(produced);
        assertThat(taxonomy).as("no code in the description that the code cannot produce").isSubsetOf(produced);
        Set<String> described = new TreeSet<>();
        operations().values().forEach(op -> op.get("responses").fieldNames().forEachRemaining(s -> described.addAll(codes(op, s))));
        Set<String> notPerOperation = new TreeSet<>(produced);
        notPerOperation.removeAll(described);
        assertThat(notPerOperation).as("codes no operation lists (only an unknown route answers ROUTE_NOT_FOUND)")
                .containsExactly("ROUTE_NOT_FOUND");

        Set<String> fieldCodes = fieldErrorCodes();
        assertThat(fieldCodes).contains("MIXED_SCRIPT", "UNDERAGE");
        assertThat(texts(description.at("/components/schemas/FieldError/properties/code/enum"))).as("FieldError codes")
                .isEqualTo(fieldCodes);

        String readme = readmeTaxonomy();
        for (String code : produced) {
            assertThat(readme).as("README's reason-code taxonomy names " + code).containsPattern("`" + code + "`");
        }
        for (String code : fieldCodes) {
            assertThat(readme).as("README's reason-code taxonomy names the field code " + code).containsPattern("`" + code + "`");
        }
    }

    static Set<String> taxonomy() {
        return texts(description.at("/components/schemas/RefusalCode/enum"));
    }

    static Set<String> codes(JsonNode op, String status) {
        JsonNode schema = op.path("responses").path(status).at("/content/application~1json/schema");
        Set<String> found = new TreeSet<>();
        for (JsonNode part : schema.path("allOf")) {
            found.addAll(texts(part.at("/properties/code/enum")));
        }
        return found;
    }

    static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static final Pattern RAISED = Pattern.compile(
            "(?:DomainException\\.(?:invalid|forbidden|notFound|conflict)\\(\\s*|Kind\\.[A-Z_]+,\\s*|new ApiError\\(\\s*)\"([A-Z][A-Z0-9_]+)\"");

    /** Every stable code a production class can answer with (the laptop harness, io.kycvault.local, excluded). */
    static Set<String> producedCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.toString().contains("io/kycvault/local/")) {
                    continue;
                }
                Matcher m = RAISED.matcher(Files.readString(file));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        // Codes made from names rather than written as literals.
        Arrays.stream(WalletSignature.Problem.values()).map(Enum::name).forEach(codes::add);
        Arrays.stream(ApiRoute.Audience.values()).flatMap(a -> a.refusalCode().stream()).forEach(codes::add);
        return codes;
    }

    static Set<String> fieldErrorCodes() throws IOException {
        String policy = Files.readString(Path.of("src/main/java/io/kycvault/intake/model/PersonalDataPolicy.java"));
        Set<String> codes = new TreeSet<>();
        Matcher m = Pattern.compile("(?:new FieldError\\([^;]*?|pattern\\([^;]*?)\"([A-Z][A-Z_]{2,})\"(?:\\)|, errors\\))").matcher(policy);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    static String readmeTaxonomy() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### Refusal codes");
        assertThat(start).as("README has a '### Refusal codes' section").isNotNegative();
        int end = readme.indexOf("\n## ", start);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

}
