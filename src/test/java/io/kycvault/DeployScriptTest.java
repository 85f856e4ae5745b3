package io.kycvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/deploy --dry-run}: the exact sam command, and refusals that name what is wrong. No AWS needed. */
class DeployScriptTest {

    record Run(int exit, String output) {
    }

    private static Map<String, String> required() {
        Map<String, String> env = new HashMap<>();
        env.put("ETHEREUM_RPC_URL", "https://rpc.sepolia.example/v1");
        env.put("CHAIN_ID", "11155111");
        env.put("REGISTRAR_ADDRESS", "0x00000000000000000000000000000000000000aB");
        env.put("ALARM_EMAIL", "ops@example.com");
        env.put("KEY_ADMIN_ROLE_ARN", "arn:aws:iam::123456789012:role/kyc-vault-key-admin");
        env.put("CHAIN_CONFIRMATIONS", "3");
        env.put("API_DOMAIN_NAME", "kyc.example.com");
        env.put("API_CERTIFICATE_ARN", "arn:aws:acm:us-east-1:123456789012:certificate/abc");
        return env;
    }

    private static Run deploy(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bin/deploy", "--dry-run").redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.equals("STACK_NAME") || k.equals("RUNTIME")
                || k.equals("MAVEN_EXTRA_ARGS") || k.equals("KYC_NATIVE_ARM64") || required().containsKey(k));
        builder.environment().putAll(env);
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String line(Run run, String prefix) {
        return run.output().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + run.output()));
    }

    @Test
    void dryRunPrintsTheBuildAndTheSamCommandWithEveryParameter() throws Exception {
        Map<String, String> env = required();
        env.put("LOG_RETENTION_DAYS", "731");
        Run run = deploy(env);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(line(run, "+ ./mvnw")).isEqualTo("+ ./mvnw -B -ntp package -Pnative");
        String sam = line(run, "+ sam deploy");
        assertThat(sam).contains("--region eu-central-1", "--stack-name kyc-vault ", "--capabilities CAPABILITY_NAMED_IAM",
                "--resolve-s3", "--no-fail-on-empty-changeset", "--parameter-overrides",
                "Runtime=native", "EthereumRpcUrl=https://rpc.sepolia.example/v1", "ChainId=11155111",
                "RegistrarAddress=0x00000000000000000000000000000000000000aB", "AlarmEmail=ops@example.com",
                "LogRetentionDays=731", "KeyAdminRoleArn=arn:aws:iam::123456789012:role/kyc-vault-key-admin",
                "ChainConfirmations=3", "ApiDomainName=kyc.example.com", "EdgeWebAclArn=\\<WebAclArn\\ output\\ of\\ kyc-vault-edge\\>");
        assertThat(line(run, "+ aws cloudformation deploy")).contains("--region us-east-1", "--stack-name kyc-vault-edge",
                "--template-file infra/edge-us-east-1.yaml");
        assertThat(run.output().indexOf("+ aws cloudformation deploy")).as("the edge stack (web ACL) is deployed first")
                .isLessThan(run.output().indexOf("+ sam deploy"));
        assertThat(run.output().lines().filter(l -> l.startsWith("+ aws cloudformation describe-stacks --region eu-central-1")))
                .singleElement().asString().contains("--stack-name kyc-vault");
    }

    @Test
    void theWebFrontEndIsBuiltFromTheLockFileAndUploadedToTheStacksBucketAfterTheStack() throws Exception {
        Run run = deploy(required());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(line(run, "+ bash -c")).contains("npm\\ ci", "npm\\ run\\ build");
        String sync = line(run, "+ aws s3 sync web/dist");
        assertThat(sync).contains("s3://\\<WebAssetsBucket\\ of\\ kyc-vault\\>", "--exclude index.html", "--delete", "immutable");
        assertThat(line(run, "+ aws s3 cp web/dist/index.html")).contains("--cache-control no-store");
        assertThat(run.output().indexOf("+ aws s3 sync")).as("the bucket exists once the stack is deployed")
                .isGreaterThan(run.output().indexOf("+ sam deploy"));
        // The sign-in baked into the build is the stack's: Cognito's issuer and the web client, read after the deploy.
        assertThat(line(run, "web build with")).contains("VITE_OIDC_AUTHORITY=<OidcAuthority output of kyc-vault>",
                "VITE_OIDC_CLIENT_ID=<WebClientId output of kyc-vault>");
        assertThat(run.output().indexOf("+ bash -c")).as("built once the stack's outputs exist")
                .isGreaterThan(run.output().indexOf("+ sam deploy"));
    }

    @Test
    void jvmRuntimeBuildsWithoutTheNativeProfile() throws Exception {
        Map<String, String> env = required();
        env.put("RUNTIME", "jvm");
        env.put("STACK_NAME", "kyc-test");
        Run run = deploy(env);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(line(run, "+ ./mvnw")).isEqualTo("+ ./mvnw -B -ntp package");
        assertThat(line(run, "+ sam deploy")).contains("--stack-name kyc-test ", "Runtime=jvm");
    }

    @Test
    void eachMissingVariableIsNamed() throws Exception {
        for (String missing : required().keySet()) {
            Map<String, String> env = required();
            env.remove(missing);
            Run run = deploy(env);
            assertThat(run.exit()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("missing environment variable " + missing).doesNotContain("+ sam deploy");
        }
        Run none = deploy(Map.of());
        assertThat(none.output()).contains(required().keySet().toArray(String[]::new));
    }

    @Test
    void stackNamesThatDoNotFitTheTemplatesResourceNamesAreRefused() throws Exception {
        Map<String, String> env = required();
        env.put("STACK_NAME", "kyc-vault-production-eu-central");
        Run tooLong = deploy(env);
        assertThat(tooLong.exit()).isEqualTo(1);
        assertThat(tooLong.output()).contains("STACK_NAME", "characters; at most").doesNotContain("+ sam deploy");
        env.put("STACK_NAME", "KycVault");
        Run upperCase = deploy(env);
        assertThat(upperCase.exit()).isEqualTo(1);
        assertThat(upperCase.output()).contains("lower-case");
    }
}
