package io.kycvault.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.kycvault.intake.handler.IntakeApiFunction;
import io.kycvault.intake.infrastructure.KmsEnvelopeCipher;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A warm presign through the Lambda handler: API Gateway event in, response with the presigned
 * URL out. "emulator" includes the two DynamoDB round trips to DynamoDB Local on loopback; "in-memory"
 * swaps the case store for a map to isolate our own code (parsing, checks, audit hash, signing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PresignBenchmark {

    @Param({"emulator", "in-memory"})
    public String store;

    private BenchStack stack;
    private IntakeApiFunction api;
    private APIGatewayV2HTTPEvent presign;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stack = new BenchStack();
        InMemoryCaseStore memory = new InMemoryCaseStore();
        api = "emulator".equals(store) ? stack.api
                : stack.wire(memory, memory, stack.storage,
                        new KmsEnvelopeCipher(stack.kms, new io.kycvault.intake.infrastructure.KmsKeys(stack.kms, stack.config),
                                new com.fasterxml.jackson.databind.ObjectMapper().registerModule(
                                        new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())),
                        java.time.Clock.systemUTC());
        String subject = "bench-" + UUID.randomUUID();
        APIGatewayV2HTTPResponse created = api.handleRequest(BenchStack.event("POST /cases", subject, null, BenchStack.CASE_BODY), null);
        if (created.getStatusCode() != 201) {
            throw new IllegalStateException("case not created: " + created.getBody());
        }
        String caseId = created.getBody().replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1");
        presign = BenchStack.event("POST /cases/{caseId}/documents", subject, Map.of("caseId", caseId),
                "{\"docType\":\"PASSPORT\",\"contentType\":\"application/pdf\",\"contentLength\":524288,"
                        + "\"sha256\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"}");
        APIGatewayV2HTTPResponse first = presign();
        if (first.getStatusCode() != 201) {
            throw new IllegalStateException("presign failed: " + first.getBody());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stack.close();
    }

    @Benchmark
    public APIGatewayV2HTTPResponse presign() {
        return api.handleRequest(presign, null);
    }
}
