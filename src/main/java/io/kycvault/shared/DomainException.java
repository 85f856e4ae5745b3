package io.kycvault.shared;

/**
 * A refusal the caller can understand: a stable machine-readable code, a human message and a kind
 * that the HTTP edge maps to a status. The domain never speaks HTTP itself.
 */
public class DomainException extends RuntimeException {

    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_MANY, UNAVAILABLE }

    private final Kind kind;
    private final String code;

    private final java.util.List<FieldError> fieldErrors;

    public DomainException(Kind kind, String code, String message) {
        this(kind, code, message, java.util.List.of());
    }

    /** A refusal of some fields of an input, each with its own stable code. */
    public DomainException(Kind kind, String code, String message, java.util.List<FieldError> fieldErrors) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.fieldErrors = java.util.List.copyOf(fieldErrors);
    }

    /** The refused fields, empty when the refusal is not about fields. */
    public java.util.List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public static DomainException invalid(String code, String message) {
        return new DomainException(Kind.INVALID, code, message);
    }

    public static DomainException forbidden(String code, String message) {
        return new DomainException(Kind.FORBIDDEN, code, message);
    }

    public static DomainException notFound(String code, String message) {
        return new DomainException(Kind.NOT_FOUND, code, message);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(Kind.CONFLICT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
