package io.kycvault.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kycvault.identity.Caller;
import io.kycvault.identity.ClaimsReader;
import io.kycvault.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The edge between API Gateway's event shape and our use cases: reads the authorizer's claims,
 * parses bodies strictly (unknown fields, wrong types, duplicate keys and oversize bodies are
 * refused), and turns every outcome into JSON with a stable code, never a stack trace.
 */
public final class HttpExchange {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(HttpExchange.class);

    private static final ObjectMapper STRICT = strictMapper();
    private static final ObjectMapper OUT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    private HttpExchange() {
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    public static Caller caller(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        return ClaimsReader.read(jwt == null ? null : jwt.getClaims());
    }

    public static <T> T body(APIGatewayV2HTTPEvent event, Class<T> type) {
        String raw = event.getBody();
        if (raw == null || raw.isBlank()) {
            throw DomainException.invalid("MISSING_BODY", "a JSON body is required");
        }
        byte[] bytes;
        try {
            bytes = event.getIsBase64Encoded() ? Base64.getDecoder().decode(raw) : raw.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("MALFORMED_JSON", "the body is not valid JSON");
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw DomainException.invalid("BODY_TOO_LARGE", "the body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        ObjectReader reader = STRICT.readerFor(type);
        try {
            T value = reader.readValue(bytes);
            if (value == null) {
                throw DomainException.invalid("MISSING_BODY", "a JSON object is required");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw DomainException.invalid("UNKNOWN_FIELD", "unknown field '" + shorten(e.getPropertyName()) + "'");
        } catch (InvalidFormatException e) {
            throw DomainException.invalid("INVALID_TYPE", "wrong type or format for field '" + path(e) + "'");
        } catch (MismatchedInputException e) {
            throw DomainException.invalid("INVALID_TYPE", "wrong type for field '" + path(e) + "'");
        } catch (InputCoercionException e) {
            throw numberOutOfRange(e.getProcessor() == null || e.getProcessor().getParsingContext() == null ? null
                    : shorten(e.getProcessor().getParsingContext().getCurrentName()));
        } catch (JsonMappingException e) {
            // A record's creator wraps what its properties threw: a number too large for its field arrives here.
            if (e.getCause() instanceof InputCoercionException) {
                throw numberOutOfRange(path(e));
            }
            throw DomainException.invalid("MALFORMED_JSON", "the body could not be read");
        } catch (StreamReadException e) {
            throw DomainException.invalid("MALFORMED_JSON", "the body is not valid JSON");
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("MALFORMED_JSON", "the body could not be read");
        } catch (java.io.IOException e) {
            throw DomainException.invalid("MALFORMED_JSON", "the body could not be read");
        }
    }

    /** One code for every number too large for its field, whatever the field's Java type. */
    private static DomainException numberOutOfRange(String field) {
        return DomainException.invalid("NUMBER_OUT_OF_RANGE", "the number in "
                + (field == null || field.isEmpty() ? "a field" : "field '" + field + "'") + " is out of range for it (see the API description)");
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                p.append(p.isEmpty() ? "" : ".").append(shorten(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                p.append('[').append(ref.getIndex()).append(']');
            }
        }
        return p.isEmpty() ? "(body)" : p.toString();
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    /** Runs a use case and maps every way it can end to a response. */
    public static APIGatewayV2HTTPResponse respond(Supplier<APIGatewayV2HTTPResponse> action) {
        try {
            return action.get();
        } catch (DomainException e) {
            return error(status(e.kind()), e.fieldErrors().isEmpty() ? new ApiError(e.code(), e.getMessage())
                    : new ApiError(e.code(), e.getMessage(), e.fieldErrors()));
        } catch (RuntimeException e) {
            LOG.error("unexpected failure handling a request", e);
            return error(500, new ApiError("INTERNAL", "the request could not be completed"));
        }
    }

    static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_MANY -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(Map.of("content-type", "application/json", "cache-control", "no-store"))
                    .withBody(OUT.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static APIGatewayV2HTTPResponse error(int status, ApiError error) {
        return json(status, error);
    }

    public static Optional<String> pathParameter(APIGatewayV2HTTPEvent event, String name) {
        return Optional.ofNullable(event.getPathParameters()).map(p -> p.get(name));
    }
}
