package io.kycvault.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The Lambda artifact as built ({@code target/function.zip}, after the package phase): the laptop
 * harness — local gateway, token issuer (which mints tokens for any group), local signer, emulator
 * provisioning, queue pollers — and its libraries are not in it, so no configuration can switch them on
 * in AWS.
 */
class FunctionArtifactIT {

    private static final Path ZIP = Path.of("target", "function.zip");

    @Test
    void theLambdaArtifactHoldsTheFunctionsAndNoneOfTheLaptopHarness() throws IOException {
        assertThat(ZIP).as("run after the package phase").exists();
        List<String> names;
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            names = zip.stream().map(ZipEntry::getName).toList();
        }
        assertThat(names).as("the functions are in it").contains(
                "io/kycvault/intake/handler/IntakeApiFunction.class",
                "io/kycvault/registry/handler/ChainRegistrationFunction.class",
                "io/kycvault/registry/infrastructure/KmsDigestSigner.class");
        assertThat(names).as("the laptop harness").noneMatch(n -> n.startsWith("io/kycvault/local/"));
        assertThat(names).as("the tests' and the harness's classes").noneMatch(n -> n.startsWith("io/kycvault/testing/")
                || n.startsWith("io/kycvault/bench/") || n.contains("LocalKeyDigestSigner") || n.contains("LocalIssuer"));
        assertThat(names).as("the harness's libraries (JWT minting, YAML template reading)").noneMatch(n -> n.startsWith("lib/")
                && (n.contains("nimbus-jose-jwt") || n.contains("snakeyaml") || n.contains("jackson-dataformat-yaml")));
        assertThat(names).as("test libraries").noneMatch(n -> n.startsWith("lib/")
                && (n.contains("junit") || n.contains("assertj") || n.contains("quarkus-junit") || n.contains("jmh")));
    }

    @Test
    void noClassInTheArtifactServesTheLocalTokenEndpoint() throws IOException {
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (ZipEntry entry : zip.stream().filter(e -> e.getName().startsWith("io/kycvault/")
                    && e.getName().endsWith(".class")).toList()) {
                String text = new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(text).as(entry.getName()).doesNotContain("/_local/token").doesNotContain("kyc.local.");
            }
        }
        assertThat(Files.size(ZIP)).isPositive();
    }
}
