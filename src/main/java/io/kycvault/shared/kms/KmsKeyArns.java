package io.kycvault.shared.kms;

import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A configured KMS key as its ARN. In AWS the template passes ARNs and no call is made; the laptop
 * names keys by alias because the emulator assigns key ids (one DescribeKey, local only).
 */
public final class KmsKeyArns {

    private KmsKeyArns() {
    }

    public static String resolve(KmsClient kms, String configured) {
        if (configured.startsWith("arn:") && configured.contains(":key/")) {
            return configured;
        }
        return kms.describeKey(r -> r.keyId(configured)).keyMetadata().arn();
    }
}
