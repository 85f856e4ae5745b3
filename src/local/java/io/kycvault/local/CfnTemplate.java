package io.kycvault.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the SAM template (CloudFormation short-form tags included) and resolves the intrinsic
 * functions the local stack needs: Ref, Fn::Sub and Fn::GetAtt against parameters, pseudo
 * parameters and the physical names of resources created so far.
 */
public final class CfnTemplate {

    private final Map<String, Object> root;
    private final Map<String, String> pseudo;
    /** logical id → value of Ref; logical id + "." + attribute → value of GetAtt. */
    private final Map<String, String> created = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    private CfnTemplate(Map<String, Object> root, Map<String, String> pseudo) {
        this.root = root;
        this.pseudo = pseudo;
    }

    @SuppressWarnings("unchecked")
    public static CfnTemplate load(Path file, String stackName, String accountId, String region) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new CfnConstructor(new LoaderOptions())).load(reader);
            return new CfnTemplate(root, Map.of("AWS::StackName", stackName, "AWS::AccountId", accountId,
                    "AWS::Region", region, "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com"));
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) (Map<String, ?>) root.getOrDefault("Resources", Map.of());
    }

    /** A top-level section of the template as written (e.g. {@code Globals}), intrinsics unresolved; empty if absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> section(String name) {
        return (Map<String, Object>) root.getOrDefault(name, Map.of());
    }

    /** Logical ids of the resources of one type, in template order. */
    public List<String> ofType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> properties(String logicalId) {
        return (Map<String, Object>) resources().get(logicalId).getOrDefault("Properties", Map.of());
    }

    public void created(String logicalId, String ref, Map<String, String> attributes) {
        created.put(logicalId, ref);
        attributes.forEach((attribute, value) -> created.put(logicalId + "." + attribute, value));
    }

    /** Resolves intrinsic functions in a value, recursively. */
    @SuppressWarnings("unchecked")
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("Ref")) {
                return ref(String.valueOf(map.get("Ref")));
            }
            if (map.size() == 1 && map.containsKey("Fn::Sub")) {
                return sub(map.get("Fn::Sub"));
            }
            if (map.size() == 1 && map.containsKey("Fn::GetAtt")) {
                Object target = map.get("Fn::GetAtt");
                List<String> parts = target instanceof List<?> l ? (List<String>) l : List.of(String.valueOf(target).split("\\.", 2));
                return lookup(parts.get(0) + "." + parts.get(1));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::resolve).toList();
        }
        return value;
    }

    public String string(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : String.valueOf(resolved);
    }

    private String ref(String name) {
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        if (created.containsKey(name)) {
            return created.get(name);
        }
        Object parameters = root.get("Parameters");
        if (parameters instanceof Map<?, ?> p && p.get(name) instanceof Map<?, ?> parameter && parameter.containsKey("Default")) {
            return String.valueOf(parameter.get("Default"));
        }
        throw new IllegalStateException("cannot resolve Ref " + name + " locally (not created yet?)");
    }

    private String lookup(String name) {
        String value = created.get(name);
        if (value == null) {
            throw new IllegalStateException("cannot resolve GetAtt " + name + " locally (not created yet?)");
        }
        return value;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = (Map<String, Object>) list.get(1);
            variables = vars;
        } else {
            text = String.valueOf(argument);
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = variables.containsKey(name) ? string(variables.get(name))
                    : name.contains(".") && !name.startsWith("AWS::") ? lookup(name) : ref(name);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Turns {@code !Ref x} into {@code {Ref: x}}, {@code !Sub s} into {@code {Fn::Sub: s}} and so on. */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            for (String tag : List.of("Ref", "Condition", "Sub", "GetAtt", "Join", "If", "Equals", "Not", "And", "Or",
                    "Select", "Split", "FindInMap", "ImportValue", "GetAZs", "Base64", "Cidr", "Transform", "Length", "ToJsonString")) {
                String function = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                yamlConstructors.put(new Tag("!" + tag), new Intrinsic(function, this::node));
            }
        }

        private Object node(Node node, Boolean unused) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }
    }

    private static final class Intrinsic extends AbstractConstruct {
        private final String function;
        private final BiFunction<Node, Boolean, Object> construct;

        Intrinsic(String function, BiFunction<Node, Boolean, Object> construct) {
            this.function = function;
            this.construct = construct;
        }

        @Override
        public Object construct(Node node) {
            return Map.of(function, construct.apply(node, Boolean.TRUE));
        }
    }
}
