package io.kycvault;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape the code keeps (README, "Layout"): capabilities ({@code io.kycvault.<capability>}) each with
 * a pure model, application services behind ports, adapters in {@code infrastructure} and thin Lambda
 * handlers; the case file ({@code io.kycvault.casefile}) is the kernel every capability builds on;
 * {@code io.kycvault.shared} and {@code io.kycvault.api} are small common parts. Checked on the production
 * classes as compiled (target/classes), without the tests or the laptop harness.
 */
class ArchitectureTest {

    static final List<String> CAPABILITIES = List.of("audit", "identity", "intake", "lifecycle", "registry", "review");

    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
    }

    @Test
    void theProductionClassesAreThere() {
        org.assertj.core.api.Assertions.assertThat(production.contain("io.kycvault.casefile.model.KycCase")).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.size()).isGreaterThan(150);
    }

    @Test
    void modelsDependOnlyOnModelsTheJdkAndPureTextLibraries() {
        classes().that().resideInAPackage("io.kycvault..model..")
                .should().onlyDependOnClassesThat(describe("a model, the JDK, or a pure text/number library",
                        (JavaClass c) -> c.getPackageName().startsWith("java.")
                                || c.getPackageName().matches("io\\.kycvault\\.[a-z]+\\.model(\\..*)?")
                                || c.getPackageName().equals("io.kycvault.shared")
                                        && List.of("DomainException", "DomainException$Kind", "FieldError", "Ids")
                                                .contains(c.getSimpleName().isEmpty() ? c.getName() : c.getName().substring(c.getPackageName().length() + 1))
                                // Unicode transliteration and confusable detection (ICU4J), ISO country codes (nv-i18n),
                                // Keccak/secp256k1 arithmetic for wallet proofs and IDs (web3j's crypto and utils, BouncyCastle)
                                || c.getPackageName().startsWith("com.ibm.icu.")
                                || c.getPackageName().startsWith("com.neovisionaries.i18n")
                                || c.getPackageName().startsWith("org.web3j.crypto")
                                || c.getPackageName().startsWith("org.web3j.utils")
                                || c.getPackageName().startsWith("org.bouncycastle.")))
                .because("the domain model is plain Java: no AWS SDK, no CDI, no JSON, no HTTP")
                .check(production);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit", "identity", "intake", "lifecycle", "registry", "review"})
    void noCapabilityUsesAnotherCapabilitysInfrastructure(String capability) {
        noClasses().that().resideOutsideOfPackage("io.kycvault." + capability + "..")
                .should().dependOnClassesThat().resideInAPackage("io.kycvault." + capability + ".infrastructure..")
                .because("a capability's adapters are its own; the shared case item is the kernel's (casefile.infrastructure)")
                .check(production);
    }

    @Test
    void capabilitiesAndTheKernelAreFreeOfCycles() {
        slices().matching("io.kycvault.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void theKernelDependsOnNoCapability() {
        noClasses().that().resideInAPackage("io.kycvault.casefile..")
                .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES.stream().map(c -> "io.kycvault." + c + "..").toArray(String[]::new))
                .check(production);
    }

    @Test
    void reviewLeavesTheRetentionClockToLifecycle() {
        noClasses().that().resideInAPackage("io.kycvault.review..")
                .should().dependOnClassesThat().haveNameMatching("io\\.kycvault\\.casefile\\.model\\.RetentionPolicy(\\$.*)?")
                .orShould().dependOnClassesThat().resideInAPackage("io.kycvault.lifecycle..")
                .because("a final rejection emits RelationshipEnded; when the retention clock starts is lifecycle's "
                        + "(RetentionClockStarts), written by the kernel in the same transaction")
                .check(production);
    }

    @Test
    void otherCapabilitiesReadCasesThroughTheKernelAndOnlyReadIntakesPart() {
        noClasses().that().resideOutsideOfPackage("io.kycvault.intake..")
                .should().callMethodWhere(describe("a write of intake's part of the case file",
                        (com.tngtech.archunit.core.domain.JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(
                                "io.kycvault.intake.application.CaseStore")
                                && List.of("open", "addDocument", "settleDocument", "recordScan").contains(call.getName())))
                .because("a case is read and changed through the kernel's CaseFiles; review, registry and lifecycle read "
                        + "intake's documents and sealed personal data, and only intake writes them")
                .check(production);
        org.assertj.core.api.Assertions.assertThat(production.get("io.kycvault.intake.application.CaseStore").getAllRawInterfaces())
                .as("intake's port is not a second way to the case (it does not extend the kernel's CaseFiles)").isEmpty();
    }

    @Test
    void noProductionClassDependsOnTheLaptopHarness() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.kycvault.local..", "io.kycvault.testing..",
                        "com.nimbusds..", "org.yaml.snakeyaml..", "com.fasterxml.jackson.dataformat.yaml..")
                .because("the harness (src/local) is not in the Lambda artifact; FunctionArtifactIT checks the zip")
                .check(production);
    }

    @Test
    void applicationServicesDoNotTalkToAwsOrTheChainDirectly() {
        noClasses().that().resideInAPackage("io.kycvault..application..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "org.web3j.protocol..",
                        "com.amazonaws.services.lambda..")
                .because("application services speak through ports; adapters and handlers hold the SDKs")
                .check(production);
    }
}
