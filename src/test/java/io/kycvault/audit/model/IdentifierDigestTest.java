package io.kycvault.audit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifierDigestTest {

    private static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    @Test
    void anyCaseOfAnAddressDigestsAlike() {
        assertThat(IdentifierDigest.message(IdentifierDigest.Kind.WALLET, CHECKSUMMED))
                .isEqualTo(IdentifierDigest.message(IdentifierDigest.Kind.WALLET, CHECKSUMMED.toLowerCase()))
                .isEqualTo(IdentifierDigest.message(IdentifierDigest.Kind.WALLET, " " + CHECKSUMMED.substring(2).toUpperCase() + "\n"));
        assertThat(IdentifierDigest.canonical(IdentifierDigest.Kind.WALLET, CHECKSUMMED)).isEqualTo(CHECKSUMMED.toLowerCase());
    }

    @Test
    void kindsNeverShareAMessage() {
        String id = "0x" + "ab".repeat(32);
        assertThat(new String(IdentifierDigest.message(IdentifierDigest.Kind.INVESTOR_ID, id)))
                .isEqualTo("kyc-vault identifier digest v1\ninvestor-id\n" + id);
        assertThat(new String(IdentifierDigest.message(IdentifierDigest.Kind.WALLET, CHECKSUMMED))).contains("\nwallet\n");
    }

    @Test
    void malformedIdentifiersAreRefused() {
        assertThatThrownBy(() -> IdentifierDigest.canonical(IdentifierDigest.Kind.WALLET, "0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentifierDigest.canonical(IdentifierDigest.Kind.WALLET, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentifierDigest.canonical(IdentifierDigest.Kind.INVESTOR_ID, CHECKSUMMED))
                .as("a wallet is not an investor ID").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentifierDigest.canonical(IdentifierDigest.Kind.WALLET, "0x" + "g".repeat(40)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
