package io.kycvault.intake.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.kycvault.intake.model.RejectionReason;
import io.kycvault.testing.Fixtures;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentInspectorTest {

    private static final String KEY = "arn:aws:kms:eu-central-1:123456789012:key/documents";
    private final DocumentInspector inspector = new DocumentInspector(ImageLimits.DEFAULT);

    static Stream<Arguments> files() {
        byte[] jpeg = Fixtures.jpeg(640, 480);
        return Stream.of(
                Arguments.of("text PDF", Fixtures.textPdf("passport"), "application/pdf", null),
                Arguments.of("scanner PDF with GoTo open action", Fixtures.scannerPdf(), "application/pdf", null),
                Arguments.of("JPEG", jpeg, "image/jpeg", null),
                Arguments.of("PNG", Fixtures.png(640, 480), "image/png", null),
                Arguments.of("HTML renamed .pdf", Fixtures.htmlPage(), "application/pdf", RejectionReason.UNSUPPORTED_FILE_TYPE),
                Arguments.of("ELF renamed .pdf", Fixtures.elfBinary(), "application/pdf", RejectionReason.UNSUPPORTED_FILE_TYPE),
                Arguments.of("PNG declared as JPEG", Fixtures.png(64, 64), "image/jpeg", RejectionReason.CONTENT_TYPE_MISMATCH),
                Arguments.of("truncated JPEG", Fixtures.truncated(jpeg), "image/jpeg", RejectionReason.TRUNCATED_IMAGE),
                Arguments.of("truncated PNG", Fixtures.truncated(Fixtures.png(640, 480)), "image/png", RejectionReason.TRUNCATED_IMAGE),
                Arguments.of("PNG declaring 50000x50000", Fixtures.decompressionBombPng(), "image/png", RejectionReason.IMAGE_TOO_LARGE),
                Arguments.of("PDF JavaScript open action", Fixtures.pdfWithJavaScript(Fixtures.Script.OPEN_ACTION), "application/pdf", RejectionReason.PDF_JAVASCRIPT),
                Arguments.of("PDF JavaScript page action", Fixtures.pdfWithJavaScript(Fixtures.Script.PAGE_OPEN_ACTION), "application/pdf", RejectionReason.PDF_JAVASCRIPT),
                Arguments.of("PDF JavaScript link annotation", Fixtures.pdfWithJavaScript(Fixtures.Script.LINK_ANNOTATION), "application/pdf", RejectionReason.PDF_JAVASCRIPT),
                Arguments.of("PDF JavaScript names tree", Fixtures.pdfWithJavaScript(Fixtures.Script.NAMES_TREE), "application/pdf", RejectionReason.PDF_JAVASCRIPT),
                Arguments.of("PDF launch action", Fixtures.pdfWithLaunchAction(), "application/pdf", RejectionReason.PDF_LAUNCH_ACTION),
                Arguments.of("PDF embedded file", Fixtures.pdfWithEmbeddedFile(), "application/pdf", RejectionReason.PDF_EMBEDDED_FILES),
                Arguments.of("PDF XFA form", Fixtures.pdfWithXfaForm(), "application/pdf", RejectionReason.PDF_XFA_FORM),
                Arguments.of("PDF SubmitForm action", Fixtures.pdfWithAction("SubmitForm"), "application/pdf", RejectionReason.PDF_SUBMIT_FORM),
                Arguments.of("PDF ImportData action", Fixtures.pdfWithAction("ImportData"), "application/pdf", RejectionReason.PDF_IMPORT_DATA),
                Arguments.of("PDF URI action", Fixtures.pdfWithAction("URI"), "application/pdf", RejectionReason.PDF_URI_ACTION),
                Arguments.of("PDF GoToR action", Fixtures.pdfWithAction("GoToR"), "application/pdf", RejectionReason.PDF_REMOTE_GOTO),
                Arguments.of("PDF GoToE action", Fixtures.pdfWithAction("GoToE"), "application/pdf", RejectionReason.PDF_EMBEDDED_GOTO),
                Arguments.of("PDF RichMediaExecute action", Fixtures.pdfWithAction("RichMediaExecute"), "application/pdf", RejectionReason.PDF_RICH_MEDIA),
                Arguments.of("PDF RichMedia annotation", Fixtures.pdfWithRichMedia(), "application/pdf", RejectionReason.PDF_RICH_MEDIA),
                Arguments.of("PDF encrypted, user password", Fixtures.encryptedPdf("open-sesame"), "application/pdf", RejectionReason.PDF_ENCRYPTED),
                Arguments.of("PDF encrypted, empty user password", Fixtures.encryptedPdf(""), "application/pdf", RejectionReason.PDF_ENCRYPTED),
                Arguments.of("PDF header then garbage", "%PDF-1.7\nnot really".getBytes(), "application/pdf", RejectionReason.MALFORMED_PDF));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void judgesByContent(String name, byte[] bytes, String declared, RejectionReason expected) {
        var verdict = inspector.inspect(bytes, announced(declared, bytes), stored());
        assertThat(verdict.rejection()).isEqualTo(Optional.ofNullable(expected));
    }

    @org.junit.jupiter.api.Test
    void refusesEmptySizeChecksumAndEncryptionMismatches() {
        byte[] pdf = Fixtures.textPdf("x");
        assertThat(inspector.inspect(new byte[0], new DocumentInspector.Announced("application/pdf", 0, DocumentInspector.sha256(new byte[0]), KEY), stored()).rejection())
                .contains(RejectionReason.EMPTY_FILE);
        assertThat(inspector.inspect(pdf, new DocumentInspector.Announced("application/pdf", pdf.length + 1, DocumentInspector.sha256(pdf), KEY), stored()).rejection())
                .contains(RejectionReason.SIZE_MISMATCH);
        assertThat(inspector.inspect(pdf, new DocumentInspector.Announced("application/pdf", pdf.length, DocumentInspector.sha256(new byte[] {1}), KEY), stored()).rejection())
                .contains(RejectionReason.CHECKSUM_MISMATCH);
        assertThat(inspector.inspect(pdf, announced("application/pdf", pdf), new DocumentInspector.Stored("AES256", null)).rejection())
                .contains(RejectionReason.NOT_ENCRYPTED_WITH_DOCUMENTS_KEY);
        assertThat(inspector.inspect(pdf, announced("application/pdf", pdf), new DocumentInspector.Stored("aws:kms", "arn:aws:kms:eu-central-1:123456789012:key/other")).rejection())
                .contains(RejectionReason.NOT_ENCRYPTED_WITH_DOCUMENTS_KEY);
    }

    private static DocumentInspector.Announced announced(String contentType, byte[] bytes) {
        return new DocumentInspector.Announced(contentType, bytes.length, DocumentInspector.sha256(bytes), KEY);
    }

    private static DocumentInspector.Stored stored() {
        return new DocumentInspector.Stored("aws:kms", KEY);
    }
}
