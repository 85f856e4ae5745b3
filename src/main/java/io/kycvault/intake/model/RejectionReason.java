package io.kycvault.intake.model;

/** Why an uploaded file was refused. The codes are shown to the applicant and are stable. */
public enum RejectionReason {
    LATE_UPLOAD("The case was already decided when this file arrived: it is not part of the case's evidence and was removed."),
    EMPTY_FILE("The file is empty."),
    SIZE_MISMATCH("The file size differs from the size announced."),
    CHECKSUM_MISMATCH("The file content differs from the SHA-256 announced."),
    NOT_ENCRYPTED_WITH_DOCUMENTS_KEY("The file was not stored with the required encryption."),
    UNSUPPORTED_FILE_TYPE("Only PDF, JPEG and PNG files are accepted."),
    CONTENT_TYPE_MISMATCH("The file's real type differs from the content type announced."),
    TRUNCATED_IMAGE("The image file is incomplete or corrupt."),
    IMAGE_TOO_LARGE("The image dimensions exceed the limit."),
    MALFORMED_PDF("The PDF file cannot be read."),
    PDF_ENCRYPTED("Encrypted or password-protected PDFs are not accepted."),
    PDF_JAVASCRIPT("PDFs containing JavaScript are not accepted."),
    PDF_LAUNCH_ACTION("PDFs that launch programs are not accepted."),
    PDF_EMBEDDED_FILES("PDFs with embedded files are not accepted."),
    PDF_XFA_FORM("PDFs with XFA forms are not accepted."),
    PDF_SUBMIT_FORM("PDFs with forms that submit data are not accepted."),
    PDF_IMPORT_DATA("PDFs that import data from other files are not accepted."),
    PDF_URI_ACTION("PDFs with web link actions are not accepted."),
    PDF_REMOTE_GOTO("PDFs that open other files are not accepted."),
    PDF_EMBEDDED_GOTO("PDFs that open embedded documents are not accepted."),
    PDF_RICH_MEDIA("PDFs with rich media (Flash, video players) are not accepted."),
    OBJECT_MISSING("The uploaded file could not be found."),
    MALWARE_FOUND("The malware scan found a threat in the file; it is quarantined and cannot be reviewed."),
    SCAN_UNSUPPORTED("The malware scanner could not scan this kind of file; upload it in another form."),
    SCAN_ACCESS_DENIED("The malware scanner could not read the file; upload it again."),
    SCAN_FAILED("The malware scan of the file failed; upload it again.");

    private final String message;

    RejectionReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
