package io.kycvault.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.PersonalDataCipher;
import io.kycvault.local.LocalGateway;
import io.kycvault.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the raw table as an attacker with a table dump would, and finds no personal data in it. */
@QuarkusTest
class NoPlaintextTest {

    @Inject
    LocalGateway gateway;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    CaseStore store;
    @Inject
    PersonalDataCipher cipher;

    @Test
    void rawItemsHoldNoPlaintextPersonalData() {
        Api api = new Api(gateway);
        String token = api.token("plaintext-" + UUID.randomUUID());
        Map<String, Object> data = new HashMap<>(Api.personalData("Zebulon Quintus", "Vandermeerschaert"));
        data.put("dateOfBirth", "1971-08-19");
        data.put("taxId", "TAXID-77441199");
        data.put("address", Map.of("line1", "Xylophonweg 987", "postalCode", "54321", "city", "Quedlinburg"));
        Api.Response created = api.post(token, "/cases", data);
        assertThat(created.status()).isEqualTo(201);
        String caseId = created.text("caseId");

        StringBuilder dump = new StringBuilder();
        dynamo.scanPaginator(r -> r.tableName("kyc-vault-cases")).items().forEach(item -> dump(item, dump));
        String raw = dump.toString();
        assertThat(raw).contains(caseId);
        for (String secret : new String[] {"Zebulon", "Quintus", "Vandermeerschaert", "1971-08-19", "19.08.1971", "19081971",
                "TAXID-77441199", "77441199", "Xylophonweg", "Quedlinburg", "54321"}) {
            // Bounded by non-alphanumerics: digits such as the postal code occur by chance inside hex
            // hashes and ids (the suite failed on a hash containing "54321"), a stored value would not be.
            assertThat(raw).as("raw table contains " + secret).doesNotContainPattern(
                    "(?<![0-9A-Za-z])" + java.util.regex.Pattern.quote(secret) + "(?![0-9A-Za-z])");
        }

        var opened = cipher.open(caseId, store.personalData(caseId).orElseThrow());
        assertThat(opened.familyName()).isEqualTo("Vandermeerschaert");
        assertThat(opened.taxId()).isEqualTo("TAXID-77441199");
        // Bound to its case: the same ciphertext does not open under another case id.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.open(UUID.randomUUID().toString(),
                store.personalData(caseId).orElseThrow())).isInstanceOf(RuntimeException.class);
    }

    private static void dump(Map<String, AttributeValue> item, StringBuilder out) {
        item.forEach((name, value) -> {
            out.append(name).append('=');
            if (value.s() != null) {
                out.append(value.s());
            } else if (value.n() != null) {
                out.append(value.n());
            } else if (value.b() != null) {
                out.append(new String(value.b().asByteArray(), StandardCharsets.ISO_8859_1));
            } else if (value.hasM()) {
                dump(value.m(), out);
            } else {
                out.append(value);
            }
            out.append('\n');
        });
    }
}
