package io.kycvault.testing;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.local.InvokedFunction;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.amazon.lambda.runtime.JacksonInputReader;
import io.quarkus.amazon.lambda.runtime.JacksonOutputWriter;
import io.quarkus.amazon.lambda.runtime.LambdaInputReader;
import io.quarkus.amazon.lambda.runtime.handlers.S3EventInputReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Invokes a function the way the Lambda runtime does in AWS: the event arrives as JSON bytes, is read
 * with the reader quarkus-amazon-lambda builds for the handler's input type (its object mapper, the
 * S3 event reader for S3 events, a plain Jackson reader otherwise: {@code AmazonLambdaRecorder}), the
 * handler runs, and its result is written with the writer for its output type, which is what Lambda
 * hands back to the caller (API Gateway, the SQS event source mapping, EventBridge). No event object is
 * built in Java, so a field the runtime would not fill, or a result it would not serialise as the
 * caller expects, shows here.
 */
public final class LambdaRuntime {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private LambdaRuntime() {
    }

    /** The function's JSON answer to the JSON event; the call is charged to {@code functionName}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static JsonNode invoke(String functionName, RequestHandler<?, ?> handler, String eventJson) {
        ObjectMapper mapper = AmazonLambdaMapperRecorder.objectMapper;
        if (mapper == null) {
            throw new IllegalStateException("quarkus-amazon-lambda has not set up its object mapper");
        }
        Method method = handleRequest(handler);
        Class<?> inputType = method.getParameterTypes()[0];
        Class<?> outputType = method.getReturnType();
        LambdaInputReader reader = S3Event.class.equals(inputType) ? new S3EventInputReader(mapper)
                : new JacksonInputReader(mapper.readerFor(inputType));
        try {
            Object input = reader.readValue(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)));
            Object output = InvokedFunction.as(functionName, () -> ((RequestHandler) handler).handleRequest(input, null));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new JacksonOutputWriter(mapper.writerFor(outputType)).writeValue(out, output);
            return PLAIN.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler's own handleRequest (not the bridge method of the erased interface), as the runtime picks it. */
    private static Method handleRequest(RequestHandler<?, ?> handler) {
        Class<?> type = handler instanceof io.quarkus.arc.ClientProxy proxy ? proxy.arc_contextualInstance().getClass()
                : handler.getClass();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge() && !m.isSynthetic()) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("no handleRequest on " + type);
    }
}
