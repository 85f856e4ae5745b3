package io.kycvault.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An applicant adds {@code x-amz-acl: public-read} to the presigned PUT to publish their document:
 * storage refuses the request (the header is not signed; in AWS the bucket's ownership controls,
 * {@code BucketOwnerEnforced} as in the template and as provisioned locally, disable ACLs too), nothing
 * is stored, and the object uploaded with the exact URL grants access to its owner only.
 */
@QuarkusTest
class PublicAclUploadTest {

    private static final String BUCKET = "kyc-vault-documents-123456789012-eu-central-1";

    @Inject
    LocalGateway gateway;
    @Inject
    S3Client s3;

    @Test
    void anUploadAskingForAPublicAclIsRefusedAndNothingIsPublic() {
        Api api = new Api(gateway);
        Cases cases = new Cases(api);
        Cases.Opened c = cases.open("acl");
        byte[] file = Fixtures.textPdf("passport");
        JsonNode slot = cases.presign(c, "PASSPORT", "application/pdf", file);
        Api.Response put = api.upload(slot, file, Map.of("x-amz-acl", "public-read"));
        assertThat(put.status()).as(put.body()).isIn(400, 403);
        String key = "incoming/" + c.caseId() + "/" + slot.get("documentId").asText();
        assertThat(s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key)).versions()).as("nothing stored").isEmpty();

        // The same URL without the added header still works, and the object grants nobody but its owner.
        assertThat(api.upload(slot, file).status()).isEqualTo(200);
        assertThat(s3.getObjectAcl(r -> r.bucket(BUCKET).key(key)).grants())
                .as("only the bucket owner is granted access").allSatisfy(g -> assertThat(g.grantee().uri()).isNull());
        // An anonymous GET is not asserted: LocalStack (like moto) evaluates neither ACLs nor policies for
        // anonymous requests and answers 200; the grants above are what keeps the object private in AWS.
    }
}
