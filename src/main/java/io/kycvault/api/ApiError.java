package io.kycvault.api;

import io.kycvault.shared.FieldError;
import java.util.List;

/** The body of every refusal: a stable code, a message for people, and optional field errors. */
public record ApiError(String code, String message, List<FieldError> errors) {

    public ApiError(String code, String message) {
        this(code, message, null);
    }
}
