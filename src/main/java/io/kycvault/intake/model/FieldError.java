package io.kycvault.intake.model;

/** One refused field of an input, with a stable code. */
public record FieldError(String field, String code) {
}
