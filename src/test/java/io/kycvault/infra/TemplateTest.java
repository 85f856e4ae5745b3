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
    @SuppressWarnings("unchecked")
    void checkpointsAreLockedAndOnlyTheirFunctionsSignCheckpointsAndVotes() {
        Map<String, Object> bucket = template.properties("AuditCheckpointBucket");
        assertThat(bucket.get("ObjectLockEnabled")).isEqualTo(true);
        var retention = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) bucket.get("ObjectLockConfiguration"))
                .get("Rule")).get("DefaultRetention");
        assertThat(retention.get("Mode")).as("compliance mode: not even the root user shortens it").isEqualTo("COMPLIANCE");
        assertThat(((Number) retention.get("Years")).intValue()).as("at least the five-year legal period").isGreaterThanOrEqualTo(5);
        var statements = (List<Map<String, Object>>) ((Map<String, Object>) template.properties("AuditCheckpointBucketPolicy")
                .get("PolicyDocument")).get("Statement");
        Map<String, Map<String, Object>> bySid = new java.util.HashMap<>();
        statements.forEach(st -> bySid.put(String.valueOf(st.get("Sid")), st));
        assertThat(bySid.get("OnlyTheCheckpointFunctionWrites")).containsEntry("Effect", "Deny").containsEntry("Principal", "*");
        assertThat(String.valueOf(bySid.get("OnlyTheCheckpointFunctionWrites").get("Condition"))).contains("-audit-checkpoint");
        assertThat(bySid.get("NothingIsDeletedOrUnlocked")).containsEntry("Effect", "Deny").containsEntry("Principal", "*");
        assertThat((List<String>) bySid.get("NothingIsDeletedOrUnlocked").get("Action"))
                .contains("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObjectRetention", "s3:BypassGovernanceRetention");
        for (var key : Map.of("DecisionKey", "-review-api", "CheckpointKey", "-audit-checkpoint").entrySet()) {
            var keyStatements = (List<Map<String, Object>>) ((Map<String, Object>) template.properties(key.getKey()).get("KeyPolicy"))
                    .get("Statement");
            var signers = keyStatements.stream().filter(st -> String.valueOf(st.get("Action")).contains("kms:Sign")).toList();
            assertThat(signers).as(key.getKey() + ": one statement lets one role sign").hasSize(1);
            assertThat(String.valueOf(signers.get(0).get("Principal"))).contains(key.getValue()).doesNotContain(",");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void evidenceIsLockedAndOnlyThePurgeMayBypassTheLock() {
        Map<String, Object> bucket = template.properties("DocumentsBucket");
        assertThat(bucket.get("ObjectLockEnabled")).isEqualTo(true);
        var statements = (List<Map<String, Object>>) ((Map<String, Object>) template.properties("DocumentsBucketPolicy")
                .get("PolicyDocument")).get("Statement");
        Map<String, Map<String, Object>> bySid = new java.util.HashMap<>();
        statements.forEach(st -> bySid.put(String.valueOf(st.get("Sid")), st));
        var bypass = bySid.get("OnlyThePurgeBypassesTheEvidenceLock");
        assertThat(bypass).containsEntry("Effect", "Deny").containsEntry("Principal", "*")
                .containsEntry("Action", "s3:BypassGovernanceRetention");
        assertThat(String.valueOf(bypass.get("Condition"))).contains("-lifecycle").contains("-privacy-api")
                .doesNotContain("-upload-events").doesNotContain("-scan-results");
        var lock = bySid.get("OnlyTheVerifiersLockEvidence");
        assertThat(lock).containsEntry("Effect", "Deny").containsEntry("Action", "s3:PutObjectRetention");
        assertThat(String.valueOf(lock.get("Condition"))).contains("-upload-events").contains("-scan-results");
        assertThat(bySid.get("NobodyChangesTheLockConfiguration")).containsEntry("Effect", "Deny").containsEntry("Principal", "*");
        assertThat(bySid.get("NobodyChangesTheLockConfiguration").get("Condition")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTableAndTheDocumentsAreBackedUpIntoALockedVault() {
        var vault = template.properties("BackupVault");
        var lock = (Map<String, Object>) vault.get("LockConfiguration");
        assertThat(((Number) lock.get("MinRetentionDays")).intValue()).isGreaterThanOrEqualTo(35);
        assertThat(lock).as("a lock that becomes immutable (compliance mode)").containsKey("ChangeableForDays");
        assertThat(String.valueOf(vault.get("EncryptionKeyArn"))).contains("BackupKey");
        var rules = (List<Map<String, Object>>) ((Map<String, Object>) template.properties("BackupPlan").get("BackupPlan"))
                .get("BackupPlanRule");
        assertThat(rules).allSatisfy(r -> assertThat(String.valueOf(r.get("TargetBackupVault"))).contains("BackupVault"));
        var selection = (Map<String, Object>) template.properties("BackupSelection").get("BackupSelection");
        assertThat(String.valueOf(selection.get("Resources"))).contains("CasesTable").contains("DocumentsBucket");
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
            if (deny.get("Condition") == null) {
                continue; // denied to everyone, whatever the request (the lock configuration)
            }
            ((Map<String, Map<String, Object>>) deny.get("Condition")).forEach((operator, keys) ->
                    keys.forEach((key, value) -> conditions.add(operator + " " + key + " " + value)));
        }
        assertThat(conditions).contains(
                "Bool aws:SecureTransport false",
                "StringNotEquals s3:x-amz-server-side-encryption aws:kms",
                "ArnNotEquals s3:x-amz-server-side-encryption-aws-kms-key-id {Fn::GetAtt=DocumentsKey.Arn}",
                "Null s3:if-none-match true");
    }

    private static final String GUARDDUTY_ROLE = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AWS::StackName}-malware-protection";
    private static final String QUARANTINE_READER = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AWS::StackName}-quarantine-reader";
    private static final String UPLOAD_EVENTS = "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${AWS::StackName}-upload-events";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> documentsBucketStatement(String sid) {
        Map<String, Object> document = (Map<String, Object>) template.properties("DocumentsBucketPolicy").get("PolicyDocument");
        return ((List<Map<String, Object>>) document.get("Statement")).stream().filter(s -> sid.equals(s.get("Sid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in DocumentsBucketPolicy"));
    }

    /** Principal ARNs a deny spares (its ArnNotEquals aws:PrincipalArn), as written (Fn::Sub strings). */
    @SuppressWarnings("unchecked")
    private static List<String> spared(Map<String, Object> statement) {
        Map<String, Object> condition = (Map<String, Object>) ((Map<String, Object>) statement.get("Condition")).get("ArnNotEquals");
        Object principals = condition == null ? null : condition.get("aws:PrincipalArn");
        List<Object> list = principals instanceof List<?> l ? (List<Object>) l : principals == null ? List.of() : List.of(principals);
        return list.stream().map(p -> String.valueOf(((Map<String, Object>) p).get("Fn::Sub"))).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMalwareGateIsEnforcedByTheBucketPolicy() {
        // Reads of anything not tagged NO_THREATS_FOUND: denied to everyone (the review-api role that signs
        // reviewers' links included) but the quarantine reader, GuardDuty's role and the upload function.
        Map<String, Object> reads = documentsBucketStatement("DenyReadsOfObjectsNotScannedClean");
        assertThat(reads.get("Effect")).isEqualTo("Deny");
        assertThat(reads.get("Principal")).isEqualTo("*");
        assertThat((List<Object>) reads.get("Action")).containsExactlyInAnyOrder("s3:GetObject", "s3:GetObjectVersion");
        assertThat(reads.get("Resource")).isEqualTo(Map.of("Fn::Sub", "${DocumentsBucket.Arn}/*"));
        assertThat((Map<String, Object>) ((Map<String, Object>) reads.get("Condition")).get("StringNotEquals"))
                .containsExactly(Map.entry("s3:ExistingObjectTag/GuardDutyMalwareScanStatus", "NO_THREATS_FOUND"));
        assertThat(spared(reads)).containsExactlyInAnyOrder(QUARANTINE_READER, GUARDDUTY_ROLE, UPLOAD_EVENTS);

        // Only GuardDuty's role writes the scan tag, on upload or after, and only it removes tags.
        Map<String, Object> tagWrites = documentsBucketStatement("DenyScanTagWritesButGuardDuty");
        assertThat(tagWrites.get("Effect")).isEqualTo("Deny");
        assertThat(tagWrites.get("Principal")).isEqualTo("*");
        assertThat((List<Object>) tagWrites.get("Action")).containsExactlyInAnyOrder("s3:PutObject", "s3:PutObjectTagging",
                "s3:PutObjectVersionTagging");
        assertThat((Map<String, Object>) ((Map<String, Object>) tagWrites.get("Condition")).get("ForAnyValue:StringEquals"))
                .containsExactly(Map.entry("s3:RequestObjectTagKeys", "GuardDutyMalwareScanStatus"));
        assertThat(spared(tagWrites)).containsExactly(GUARDDUTY_ROLE);
        Map<String, Object> tagRemoval = documentsBucketStatement("DenyScanTagRemovalButGuardDuty");
        assertThat(tagRemoval.get("Effect")).isEqualTo("Deny");
        assertThat((List<Object>) tagRemoval.get("Action")).containsExactlyInAnyOrder("s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging");
        assertThat(spared(tagRemoval)).containsExactly(GUARDDUTY_ROLE);

        // The upload denies spare GuardDuty's validation object only (its own policy allows no other PutObject).
        for (String sid : List.of("DenyUploadsWithoutSseKms", "DenyUploadsWithOtherKey", "DenyUploadsThatCouldOverwrite")) {
            assertThat(spared(documentsBucketStatement(sid))).as(sid).containsExactly(GUARDDUTY_ROLE);
        }
        List<Map<String, Object>> guardDuty = TemplateRules.statements(template, "MalwareProtectionPolicy");
        assertThat(guardDuty).filteredOn(s -> TemplateRules.strings(s.get("Action")).contains("s3:PutObject"))
                .singleElement().satisfies(s -> assertThat(s.get("Resource"))
                        .isEqualTo(Map.of("Fn::Sub", "${DocumentsBucket.Arn}/malware-protection-resource-validation-object")));
        // The quarantine reader is for people with MFA, and reads; nothing else.
        Map<String, Object> trust = (Map<String, Object>) template.properties("QuarantineReaderRole").get("AssumeRolePolicyDocument");
        Map<String, Object> assume = ((List<Map<String, Object>>) trust.get("Statement")).get(0);
        assertThat(assume.get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", "true")));
        assertThat(TemplateRules.statements(template, "QuarantineReaderPolicy")).flatExtracting(s -> TemplateRules.strings(s.get("Action")))
                .containsExactlyInAnyOrder("s3:GetObject", "s3:GetObjectVersion", "kms:Decrypt");
    }

    @Test
    @SuppressWarnings("unchecked")
    void guardDutyProtectsTheDocumentsBucketAndItsResultsReachTheFunctionAndTheAlarmTopic() {
        List<String> plans = template.ofType("AWS::GuardDuty::MalwareProtectionPlan");
        assertThat(plans).hasSize(1);
        Map<String, Object> plan = template.properties(plans.get(0));
        Map<String, Object> bucket = (Map<String, Object>) ((Map<String, Object>) plan.get("ProtectedResource")).get("S3Bucket");
        assertThat(bucket.get("BucketName")).isEqualTo(Map.of("Ref", "DocumentsBucket"));
        assertThat((List<Object>) bucket.get("ObjectPrefixes")).containsExactly("incoming/");
        assertThat(plan.get("Actions")).as("tagging on: the bucket policy's gate reads the tag")
                .isEqualTo(Map.of("Tagging", Map.of("Status", "ENABLED")));
        assertThat(plan.get("Role")).isEqualTo(Map.of("Fn::GetAtt", "MalwareProtectionRole.Arn"));
        Map<String, Object> trust = (Map<String, Object>) template.properties("MalwareProtectionRole").get("AssumeRolePolicyDocument");
        assertThat(((List<Map<String, Object>>) trust.get("Statement")).get(0).get("Principal"))
                .isEqualTo(Map.of("Service", "malware-protection-plan.guardduty.amazonaws.com"));

        Map<String, Object> events = (Map<String, Object>) template.properties("ScanResultsFunction").get("Events");
        Map<String, Object> rule = (Map<String, Object>) events.values().iterator().next();
        assertThat(rule.get("Type")).isEqualTo("EventBridgeRule");
        Map<String, Object> pattern = (Map<String, Object>) ((Map<String, Object>) rule.get("Properties")).get("Pattern");
        assertThat(pattern.get("source")).isEqualTo(List.of("aws.guardduty"));
        assertThat(pattern.get("detail-type")).isEqualTo(List.of("GuardDuty Malware Protection Object Scan Result"));
        assertThat(pattern.get("detail")).isEqualTo(Map.of("s3ObjectDetails", Map.of("bucketName", List.of(Map.of("Ref", "DocumentsBucket")))));

        Map<String, Object> verdicts = template.properties("MalwareScanVerdictRule");
        assertThat(((List<Map<String, Object>>) verdicts.get("Targets")).get(0).get("Arn")).isEqualTo(Map.of("Ref", "AlarmTopic"));
        Map<String, Object> detail = (Map<String, Object>) ((Map<String, Object>) verdicts.get("EventPattern")).get("detail");
        assertThat(detail.get("scanResultDetails")).isEqualTo(Map.of("scanResultStatus", List.of(Map.of("anything-but", List.of("NO_THREATS_FOUND")))));
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
    void theWebFrontEndIsAPrivateBucketBehindTheApisDistributionWithTheLocalCsp() {
        Map<String, Object> bucket = template.properties("WebAssetsBucket");
        assertThat((Map<String, Object>) bucket.get("PublicAccessBlockConfiguration")).containsEntry("BlockPublicAcls", true)
                .containsEntry("BlockPublicPolicy", true).containsEntry("IgnorePublicAcls", true).containsEntry("RestrictPublicBuckets", true);
        assertThat(bucket).as("not a website endpoint").doesNotContainKey("WebsiteConfiguration");
        var statements = (List<Map<String, Object>>) ((Map<String, Object>) template.properties("WebAssetsBucketPolicy")
                .get("PolicyDocument")).get("Statement");
        var allows = statements.stream().filter(st -> "Allow".equals(st.get("Effect"))).toList();
        assertThat(allows).as("one reader").singleElement().satisfies(st -> {
            assertThat(st.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
            assertThat(st.get("Action")).isEqualTo("s3:GetObject");
            assertThat(String.valueOf(st.get("Condition"))).as("only this stack's distribution")
                    .contains("AWS:SourceArn").contains(":distribution/${ApiDistribution}");
        });
        var oac = (Map<String, Object>) template.properties("WebOriginAccessControl").get("OriginAccessControlConfig");
        assertThat(oac).containsEntry("OriginAccessControlOriginType", "s3").containsEntry("SigningBehavior", "always")
                .containsEntry("SigningProtocol", "sigv4");

        var config = (Map<String, Object>) template.properties("ApiDistribution").get("DistributionConfig");
        Map<String, Map<String, Object>> origins = new HashMap<>();
        ((List<Map<String, Object>>) config.get("Origins")).forEach(o -> origins.put(String.valueOf(o.get("Id")), o));
        assertThat(String.valueOf(origins.get("web-assets").get("OriginAccessControlId"))).contains("WebOriginAccessControl.Id");
        assertThat((Map<String, Object>) origins.get("web-assets").get("S3OriginConfig")).as("no legacy origin access identity")
                .containsEntry("OriginAccessIdentity", "");
        assertThat(String.valueOf(origins.get("web-assets").get("DomainName"))).contains("WebAssetsBucket");
        assertThat(config.get("DefaultRootObject")).isEqualTo("index.html");
        var web = (Map<String, Object>) config.get("DefaultCacheBehavior");
        assertThat(web).containsEntry("TargetOriginId", "web-assets").containsEntry("ViewerProtocolPolicy", "redirect-to-https")
                .containsEntry("AllowedMethods", List.of("GET", "HEAD"))
                .containsEntry("ResponseHeadersPolicyId", Map.of("Ref", "WebResponseHeadersPolicy"));

        // Every API route reaches the HTTP API through a behaviour of its own; nothing else does.
        var behaviours = (List<Map<String, Object>>) config.get("CacheBehaviors");
        assertThat(behaviours).allSatisfy(b -> assertThat(b.get("TargetOriginId")).isEqualTo("http-api"));
        List<String> patterns = behaviours.stream().map(b -> String.valueOf(b.get("PathPattern"))).toList();
        Set<String> paths = new TreeSet<>();
        for (String function : template.ofType("AWS::Serverless::Function")) {
            Map<String, Object> events = (Map<String, Object>) template.properties(function).getOrDefault("Events", Map.of());
            for (Object e : events.values()) {
                if ("HttpApi".equals(((Map<String, Object>) e).get("Type"))) {
                    paths.add(String.valueOf(((Map<String, Object>) ((Map<String, Object>) e).get("Properties")).get("Path"))
                            .replaceAll("\\{[^}]+}", "x"));
                }
            }
        }
        assertThat(paths).isNotEmpty().allSatisfy(path -> assertThat(patterns).as(path + " goes to the API")
                .anyMatch(pattern -> cloudFrontMatches(pattern, path)));
        for (String asset : List.of("/", "/index.html", "/assets/index-abc123.js", "/assets/pdf.worker.min-x.mjs")) {
            assertThat(patterns).as(asset + " is a web asset").noneMatch(pattern -> cloudFrontMatches(pattern, asset));
        }

        // The same strict CSP as the local gateway's, with the documents bucket's origin of the presigned URLs;
        // connect-src adds Cognito's issuer and managed-login domain (locally the issuer is on 'self').
        var headers = (Map<String, Object>) ((Map<String, Object>) template.properties("WebResponseHeadersPolicy")
                .get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig");
        var csp = (Map<String, Object>) headers.get("ContentSecurityPolicy");
        assertThat(csp).containsEntry("Override", true);
        String documents = "https://${DocumentsBucket}.s3.${AWS::Region}.${AWS::URLSuffix}";
        assertThat(csp.get("ContentSecurityPolicy")).isEqualTo(Map.of("Fn::Sub", io.kycvault.local.LocalWebAssets
                .contentSecurityPolicy(documents).replace("connect-src 'self' " + documents, "connect-src 'self' " + documents
                        + " https://cognito-idp.${AWS::Region}.amazonaws.com https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com")));
        assertThat((Map<String, Object>) headers.get("FrameOptions")).containsEntry("FrameOption", "DENY");
        assertThat((Map<String, Object>) headers.get("ReferrerPolicy")).containsEntry("ReferrerPolicy", "no-referrer");
        assertThat(headers).containsKeys("ContentTypeOptions", "StrictTransportSecurity");
        // ... and the documents bucket's CORS names the portal's origin, which is this distribution's.
        assertThat(String.valueOf(template.properties("DocumentsBucket").get("CorsConfiguration")))
                .contains("https://${ApiDomainName}");
        assertThat((List<Object>) config.get("Aliases")).containsExactly(Map.of("Ref", "ApiDomainName"));
    }

    /** CloudFront's path patterns: {@code *} any characters, {@code ?} one, case-sensitive, the leading slash optional. */
    /**
     * The web front end's sign-in: Cognito's managed login on the pool's domain, a public app client on the
     * authorization-code flow (PKCE is the client's; no secret, no implicit flow), whose callback and logout
     * are the distribution's origin only, whose ID tokens the JWT authorizer accepts, and whose issuer and
     * id bin/deploy hands to the web build.
     */
    @Test
    void theWebSignsInThroughCognitosManagedLoginWithAPublicCodeFlowClientAtTheDistributionsOrigin() throws Exception {
        Map<String, Object> domain = template.properties("UserPoolDomain");
        assertThat(domain).containsEntry("UserPoolId", Map.of("Ref", "UserPool")).containsEntry("ManagedLoginVersion", 2);
        Map<String, Object> client = template.properties("WebClient");
        assertThat(client).containsEntry("UserPoolId", Map.of("Ref", "UserPool"))
                .containsEntry("GenerateSecret", false)
                .containsEntry("AllowedOAuthFlowsUserPoolClient", true)
                .containsEntry("AllowedOAuthFlows", List.of("code"))
                .containsEntry("SupportedIdentityProviders", List.of("COGNITO"))
                .containsEntry("CallbackURLs", List.of(Map.of("Fn::Sub", "https://${ApiDomainName}/")))
                .containsEntry("LogoutURLs", List.of(Map.of("Fn::Sub", "https://${ApiDomainName}/")));
        assertThat((List<Object>) client.get("AllowedOAuthScopes")).contains("openid");
        assertThat(String.valueOf(client.get("ExplicitAuthFlows"))).as("no password flows for the browser")
                .doesNotContain("PASSWORD").doesNotContain("SRP");
        var distribution = (Map<String, Object>) template.properties("ApiDistribution").get("DistributionConfig");
        assertThat((List<Object>) distribution.get("Aliases")).as("the callback's host is the distribution's")
                .containsExactly(Map.of("Ref", "ApiDomainName"));
        Map<String, Object> branding = template.properties("WebClientManagedLoginBranding");
        assertThat(branding).containsEntry("ClientId", Map.of("Ref", "WebClient")).containsEntry("UseCognitoProvidedValues", true);
        var jwt = String.valueOf(((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) template.properties("HttpApi")
                .get("Auth")).get("Authorizers")).get("CognitoJwt")).get("JwtConfiguration"));
        assertThat(jwt).as("the web client's tokens are in the authorizer's audience").contains("{Ref=WebClient}");
        String outputs = Files.readString(Path.of("template.yaml")).split("\nOutputs:\n", 2)[1];
        assertThat(outputs).containsPattern("\n  OidcAuthority:\n(    .*\n)*?    Value: !Sub \"https://cognito-idp\\.\\$\\{AWS::Region}\\.amazonaws\\.com/\\$\\{UserPool}\"\n")
                .containsPattern("\n  WebClientId:\n(    .*\n)*?    Value: !Ref WebClient\n");
        String deploy = Files.readString(Path.of("bin/deploy"));
        assertThat(deploy).contains("VITE_OIDC_AUTHORITY=$(output_of OidcAuthority)", "VITE_OIDC_CLIENT_ID=$(output_of WebClientId)");
    }

    private static boolean cloudFrontMatches(String pattern, String path) {
        String p = pattern.startsWith("/") ? pattern : "/" + pattern;
        StringBuilder regex = new StringBuilder();
        for (char ch : p.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
        }
        return path.matches(regex.toString());
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

    @Test
    @SuppressWarnings("unchecked")
    void cognitoThreatProtectionHasThePlanItNeeds() {
        Map<String, Object> pool = template.properties("UserPool");
        assertThat(((Map<String, Object>) pool.get("UserPoolAddOns")).get("AdvancedSecurityMode")).isEqualTo("ENFORCED");
        assertThat(pool.get("UserPoolTier")).as("ENFORCED threat protection needs the Plus plan").isEqualTo("PLUS");
    }

    /** The KMS calls that change who can use a key, or whether it works at all. */
    static final List<String> KEY_CHANGES = List.of("PutKeyPolicy", "CreateGrant", "RetireGrant", "RevokeGrant", "DisableKey",
            "ScheduleKeyDeletion", "DeleteAlias", "UpdateAlias", "DisableKeyRotation");

    @Test
    @SuppressWarnings("unchecked")
    void everyKeyChangeOfEveryKeyPagesTheAlarmTopic() {
        assertThat(template.ofType("AWS::CloudTrail::Trail")).as("EventBridge sees KMS calls only through a logging trail").hasSize(1);
        Map<String, Object> trail = template.properties(template.ofType("AWS::CloudTrail::Trail").get(0));
        assertThat(trail).containsEntry("IsLogging", true).containsEntry("EnableLogFileValidation", true);
        Set<Object> keys = new HashSet<>();
        for (String key : template.ofType("AWS::KMS::Key")) {
            keys.add(Map.of("Fn::GetAtt", key + ".Arn"));
        }
        Set<String> covered = new TreeSet<>();
        for (String rule : template.ofType("AWS::Events::Rule")) {
            Map<String, Object> p = template.properties(rule);
            Map<String, Object> pattern = (Map<String, Object>) p.get("EventPattern");
            if (!List.of("aws.kms").equals(pattern.get("source"))) {
                continue;
            }
            assertThat(p.getOrDefault("EventBusName", "default")).as(rule + " listens on the default bus").isEqualTo("default");
            assertThat((List<Object>) pattern.get("detail-type")).as(rule).containsExactly("AWS API Call via CloudTrail");
            Map<String, Object> detail = (Map<String, Object>) pattern.get("detail");
            List<Object> arns = (List<Object>) ((Map<String, Object>) detail.get("resources")).get("ARN");
            assertThat(arns).as(rule + " matches every key of the stack").containsAll(keys);
            List<Map<String, Object>> targets = (List<Map<String, Object>>) p.get("Targets");
            assertThat(targets).as(rule).extracting(t -> t.get("Arn")).contains(Map.of("Ref", "AlarmTopic"));
            ((List<Object>) detail.get("eventName")).forEach(name -> covered.add(String.valueOf(name)));
        }
        assertThat(covered).containsAll(KEY_CHANGES);

        Map<String, Object> topicPolicy = template.properties(template.ofType("AWS::SNS::TopicPolicy").get(0));
        assertThat((List<Object>) topicPolicy.get("Topics")).contains(Map.of("Ref", "AlarmTopic"));
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) topicPolicy.get("PolicyDocument")).get("Statement");
        assertThat(statements).anySatisfy(st -> {
            assertThat(st.get("Effect")).isEqualTo("Allow");
            assertThat(st.get("Principal")).isEqualTo(Map.of("Service", "events.amazonaws.com"));
            assertThat(st.get("Action")).isEqualTo("sns:Publish");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFunctionLogGroupCountsSecurityEventsIntoAnAlarm() {
        for (String function : template.ofType("AWS::Serverless::Function")) {
            Map<String, Object> logging = (Map<String, Object>) template.properties(function).get("LoggingConfig");
            Object logGroup = logging.get("LogGroup");
            List<Map<String, Object>> filters = template.ofType("AWS::Logs::MetricFilter").stream().map(template::properties)
                    .filter(f -> logGroup.equals(f.get("LogGroupName")))
                    .filter(f -> String.valueOf(f.get("FilterPattern")).contains("SECURITY_EVENT")).toList();
            assertThat(filters).as(function + " has a SECURITY_EVENT metric filter").hasSize(1);
            Map<String, Object> metric = ((List<Map<String, Object>>) filters.get(0).get("MetricTransformations")).get(0);
            assertThat(alarmsOn(metric)).as(function + ": an alarm on " + metric.get("MetricName")).isNotEmpty();
        }
    }

    /** What each scheduled job (daily; the checkpoint hourly) logs once per completed run, and where. */
    static final Map<String, String> HEARTBEATS = Map.of(
            "AuditSweepHeartbeatMetric", "src/main/java/io/kycvault/audit/handler/AuditSweepFunction.java",
            "AuditCheckpointHeartbeatMetric", "src/main/java/io/kycvault/audit/handler/AuditCheckpointFunction.java",
            "LifecycleHeartbeatMetric", "src/main/java/io/kycvault/lifecycle/application/RunningLifecycle.java");

    @Test
    @SuppressWarnings("unchecked")
    void aScheduledJobThatStopsRunningRaisesAnAlarm() throws Exception {
        for (var heartbeat : HEARTBEATS.entrySet()) {
            Map<String, Object> filter = template.properties(heartbeat.getKey());
            String pattern = String.valueOf(filter.get("FilterPattern"));
            assertThat(pattern).as(heartbeat.getKey()).startsWith("\"").endsWith("\"");
            assertThat(Files.readString(Path.of(heartbeat.getValue()))).as("the line the heartbeat counts is still logged")
                    .contains(pattern.substring(1, pattern.length() - 1));
            Map<String, Object> metric = ((List<Map<String, Object>>) filter.get("MetricTransformations")).get(0);
            assertThat(metric).as("no DefaultValue, or a silent hour would count as data").doesNotContainKey("DefaultValue");
            List<Map<String, Object>> alarms = alarmsOn(metric);
            assertThat(alarms).as(heartbeat.getKey()).hasSize(1);
            Map<String, Object> alarm = alarms.get(0);
            assertThat(alarm.get("TreatMissingData")).isEqualTo("breaching");
            assertThat(alarm.get("ComparisonOperator")).isEqualTo("LessThanThreshold");
            int period = ((Number) alarm.get("Period")).intValue();
            int periods = ((Number) alarm.get("EvaluationPeriods")).intValue();
            assertThat(((Number) alarm.getOrDefault("DatapointsToAlarm", periods)).intValue()).isEqualTo(periods);
            int schedule = heartbeat.getKey().startsWith("AuditCheckpoint") ? 3_600 : 86_400;
            assertThat(period * periods).as("longer than the schedule, at most two hours more")
                    .isGreaterThan(schedule).isLessThanOrEqualTo(schedule + 2 * 3600);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiIsPublishedThroughCloudFrontWithTheEdgeWebAcl() throws Exception {
        CfnTemplate edge = TemplateRules.load(Path.of("infra/edge-us-east-1.yaml"));
        List<String> acls = edge.ofType("AWS::WAFv2::WebACL");
        assertThat(acls).hasSize(1);
        Map<String, Object> acl = edge.properties(acls.get(0));
        assertThat(acl.get("Scope")).isEqualTo("CLOUDFRONT");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) acl.get("Rules");
        Set<String> managed = new TreeSet<>();
        boolean rateLimited = false;
        for (Map<String, Object> rule : rules) {
            Map<String, Object> statement = (Map<String, Object>) rule.get("Statement");
            if (statement.get("ManagedRuleGroupStatement") instanceof Map<?, ?> group) {
                assertThat(group.get("VendorName")).isEqualTo("AWS");
                assertThat(rule.get("OverrideAction")).as(rule.get("Name") + " blocks, not only counts").isEqualTo(Map.of("None", Map.of()));
                managed.add(String.valueOf(group.get("Name")));
            }
            if (statement.get("RateBasedStatement") instanceof Map<?, ?> rate) {
                assertThat(rate.get("AggregateKeyType")).isEqualTo("IP");
                assertThat(rule.get("Action")).isEqualTo(Map.of("Block", Map.of()));
                rateLimited = true;
            }
        }
        assertThat(rateLimited).as("a per-IP rate-based rule").isTrue();
        assertThat(managed).contains("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList");

        List<String> distributions = template.ofType("AWS::CloudFront::Distribution");
        assertThat(distributions).hasSize(1);
        Map<String, Object> config = (Map<String, Object>) template.properties(distributions.get(0)).get("DistributionConfig");
        assertThat(config.get("WebACLId")).isEqualTo(Map.of("Ref", "EdgeWebAclArn"));
        assertThat((Map<String, Object>) config.get("ViewerCertificate")).containsEntry("MinimumProtocolVersion", "TLSv1.2_2021");
        // The API's behaviours (the default one serves the web front end: theWebFrontEnd... below).
        var apiBehaviours = (List<Map<String, Object>>) config.get("CacheBehaviors");
        assertThat(apiBehaviours).isNotEmpty().allSatisfy(behavior -> assertThat(behavior).containsEntry("ViewerProtocolPolicy", "https-only")
                .containsEntry("TargetOriginId", "http-api")
                .containsEntry("CachePolicyId", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
                .containsEntry("OriginRequestPolicyId", "b689b0a8-53d0-40ab-baf2-68738e2966ac"));
        Map<String, Object> origin = ((List<Map<String, Object>>) config.get("Origins")).get(0);
        assertThat((List<Map<String, Object>>) origin.get("OriginCustomHeaders")).extracting(h -> h.get("HeaderName")).containsExactly("X-Origin-Verify");
        assertThat((Map<String, Object>) origin.get("CustomOriginConfig")).containsEntry("OriginProtocolPolicy", "https-only");
    }

    /** The alarms of the template on one metric-filter metric, each also checked to page the alarm topic. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alarmsOn(Map<String, Object> metric) {
        List<Map<String, Object>> alarms = template.ofType("AWS::CloudWatch::Alarm").stream().map(template::properties)
                .filter(a -> metric.get("MetricNamespace").equals(a.get("Namespace")) && metric.get("MetricName").equals(a.get("MetricName")))
                .toList();
        alarms.forEach(a -> assertThat((List<Object>) a.get("AlarmActions")).contains(Map.of("Ref", "AlarmTopic")));
        return alarms;
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
