package io.kycvault.shared;

/** One refused field of an input, with a stable code. */
public record FieldError(String field, String code) {
}
