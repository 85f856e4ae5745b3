package io.kycvault.intake.infrastructure;

import io.kycvault.intake.application.IntakeConfig;
import io.kycvault.shared.kms.KmsKeyArns;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Resolves the configured KMS keys to key ARNs once per process. In AWS the template passes ARNs
 * and no call is made; locally the keys are named by alias because an emulator assigns key ids.
 */
@ApplicationScoped
public class KmsKeys {

    private final KmsClient kms;
    private final IntakeConfig config;
    private volatile String documentsKeyArn;
    private volatile String personalDataKeyArn;

    public KmsKeys(KmsClient kms, IntakeConfig config) {
        this.kms = kms;
        this.config = config;
    }

    public String documentsKeyArn() {
        if (documentsKeyArn == null) {
            documentsKeyArn = KmsKeyArns.resolve(kms, config.documentsKey());
        }
        return documentsKeyArn;
    }

    public String personalDataKeyArn() {
        if (personalDataKeyArn == null) {
            personalDataKeyArn = KmsKeyArns.resolve(kms, config.personalDataKey());
        }
        return personalDataKeyArn;
    }
}
