package io.kycvault.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A document that became evidence is locked (S3 Object Lock, governance mode): deleting its version
 * without the bypass fails; the bucket policy lets only the purge bypass (TemplateTest), and
 * LifecycleTest shows the purge still deleting every version at the end of retention.
 */
@QuarkusTest
class EvidenceLockTest {

    private static final String BUCKET = "kyc-vault-documents-123456789012-eu-central-1";

    @Inject
    LocalGateway gateway;
    @Inject
    CaseStore store;
    @Inject
    S3Client s3;

    @Test
    void aVerifiedDocumentCannotBeDeletedWithoutThePurgesBypass() {
        Cases.Opened c = new Cases(new Api(gateway)).submitted("evidence-lock");
        Document verified = store.documents(c.caseId()).stream().filter(d -> d.status() == DocumentStatus.VERIFIED).findFirst()
                .orElseThrow();
        var retention = s3.getObjectRetention(r -> r.bucket(BUCKET).key(verified.objectKey()).versionId(verified.versionId()))
                .retention();
        assertThat(retention.modeAsString()).isEqualTo("GOVERNANCE");
        assertThat(retention.retainUntilDate()).isAfter(Instant.now().plus(9 * 365, ChronoUnit.DAYS));

        assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket(BUCKET).key(verified.objectKey()).versionId(verified.versionId())))
                .isInstanceOf(S3Exception.class);
        assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(verified.objectKey())).versions())
                .anySatisfy(v -> assertThat(v.versionId()).isEqualTo(verified.versionId()));
    }
}
