package io.kycvault.intake.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kycvault.shared.DomainException;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What an upload URL may be asked for, as a table: each row an input and the stable code (or none). */
class UploadPolicyTest {

    static final UploadPolicy POLICY = new UploadPolicy(Set.of("application/pdf", "image/jpeg", "image/png"), 10_485_760, 20);
    static final String DIGEST = Base64.getEncoder().encodeToString(new byte[32]);

    static Stream<Arguments> uploads() {
        return Stream.of(
                Arguments.of("a PDF within the size limit", "application/pdf", 1_000L, DIGEST, null),
                Arguments.of("a JPEG of exactly the size limit", "image/jpeg", 10_485_760L, DIGEST, null),
                Arguments.of("a PNG of one byte", "image/png", 1L, DIGEST, null),
                Arguments.of("a type not on the list", "image/gif", 1_000L, DIGEST, "UNSUPPORTED_CONTENT_TYPE"),
                Arguments.of("a type with parameters", "application/pdf; charset=binary", 1_000L, DIGEST, "UNSUPPORTED_CONTENT_TYPE"),
                Arguments.of("no type", null, 1_000L, DIGEST, "UNSUPPORTED_CONTENT_TYPE"),
                Arguments.of("an empty file", "application/pdf", 0L, DIGEST, "INVALID_CONTENT_LENGTH"),
                Arguments.of("a negative length", "application/pdf", -1L, DIGEST, "INVALID_CONTENT_LENGTH"),
                Arguments.of("one byte over the limit", "application/pdf", 10_485_761L, DIGEST, "FILE_TOO_LARGE"),
                Arguments.of("a hex digest instead of base64", "application/pdf", 1_000L, "0".repeat(64), "INVALID_SHA256"),
                Arguments.of("a base64 digest of 31 bytes", "application/pdf", 1_000L,
                        Base64.getEncoder().encodeToString(new byte[31]), "INVALID_SHA256"),
                Arguments.of("a digest that is not base64", "application/pdf", 1_000L, "!".repeat(44), "INVALID_SHA256"),
                Arguments.of("no digest", "application/pdf", 1_000L, null, "INVALID_SHA256"));
    }

    @ParameterizedTest(name = "{0}: {4}")
    @MethodSource("uploads")
    void eachUploadIsAcceptedOrRefusedWithItsCode(String what, String type, long length, String sha256, String code) {
        if (code == null) {
            assertThatCode(() -> POLICY.check(type, length, sha256)).as(what).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> POLICY.check(type, length, sha256)).as(what)
                    .isInstanceOfSatisfying(DomainException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code));
        }
    }
}
