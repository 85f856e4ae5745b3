package io.kycvault.audit.infrastructure;

import io.kycvault.audit.application.AuditConfig;
import io.kycvault.audit.application.IdentifierDigests;
import io.kycvault.audit.application.StatementSignatures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The two signing keys of the audit: votes (the review function's) and checkpoints (the checkpoint
 * function's); and the HMAC key of the identifier digests.
 */
@ApplicationScoped
public class AuditWiring {

    @Produces
    @Singleton
    StatementSignatures.Decisions decisions(KmsClient kms, AuditConfig config) {
        return new KmsStatementSignatures(kms, config.decisionKey());
    }

    @Produces
    @Singleton
    StatementSignatures.Checkpoints checkpoints(KmsClient kms, AuditConfig config) {
        return new KmsStatementSignatures(kms, config.checkpointKey());
    }

    @Produces
    @Singleton
    IdentifierDigests identifierDigests(KmsClient kms, AuditConfig config) {
        return new KmsIdentifierDigests(kms, config.digestKey());
    }
}
