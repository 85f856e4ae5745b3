package io.kycvault.intake.model;

import io.kycvault.casefile.model.DocumentType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which verified documents a case needs before it can be submitted. Each requirement is met by any
 * one of its alternatives, and an alternative is a set of document types that must all be present,
 * e.g. {@code PASSPORT | ID_CARD_FRONT+ID_CARD_BACK | DRIVING_LICENCE_FRONT+DRIVING_LICENCE_BACK}.
 */
public final class RequiredDocumentsPolicy {

    public record Requirement(String name, List<Set<DocumentType>> alternatives) {
        boolean isMetBy(Set<DocumentType> verified) {
            return alternatives.stream().anyMatch(verified::containsAll);
        }
    }

    private final List<Requirement> requirements;

    public RequiredDocumentsPolicy(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /** Parses {@code name=TYPE+TYPE|TYPE} entries as written in configuration. */
    public static RequiredDocumentsPolicy parse(List<String> entries) {
        List<Requirement> requirements = new ArrayList<>();
        for (String entry : entries) {
            String[] nameAndRule = entry.split("=", 2);
            if (nameAndRule.length != 2) {
                throw new IllegalArgumentException("required document rule needs name=alternatives: " + entry);
            }
            List<Set<DocumentType>> alternatives = Arrays.stream(nameAndRule[1].split("\\|"))
                    .map(alt -> Arrays.stream(alt.split("\\+"))
                            .map(String::strip)
                            .map(DocumentType::valueOf)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(DocumentType.class))))
                    .map(Set::copyOf)
                    .toList();
            requirements.add(new Requirement(nameAndRule[0].strip(), alternatives));
        }
        return new RequiredDocumentsPolicy(requirements);
    }

    /** Names of the requirements the verified documents do not meet; empty when the case may be submitted. */
    public List<String> unmet(Set<DocumentType> verified) {
        return requirements.stream().filter(r -> !r.isMetBy(verified)).map(Requirement::name).toList();
    }
}
