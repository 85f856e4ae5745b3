package io.kycvault.casefile.infrastructure;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "kyc.store")
public interface StoreConfig {

    /** The single DynamoDB table holding cases, documents and audit records. */
    String table();
}
