package io.kycvault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.kycvault.intake.handler.IntakeApiFunction;
import io.kycvault.review.handler.ReviewApiFunction;
import io.kycvault.shared.DomainException;
import org.junit.jupiter.api.Test;

/** Strict body parsing: one code per kind of mistake, whatever the field's Java type. */
class HttpExchangeTest {

    static DomainException refusal(String body, Class<?> type) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withBody(body).withIsBase64Encoded(false).build();
        return catchThrowableOfType(DomainException.class, () -> HttpExchange.body(event, type));
    }

    @Test
    void aNumberTooLargeForItsFieldIsNumberOutOfRangeForEveryNumericField() {
        // A long field (contentLength) beyond 2^63 - 1, an int field (rating) beyond 2^31 - 1: one code, naming the field.
        DomainException length = refusal("{\"contentLength\": 99999999999999999999}", IntakeApiFunction.PresignBody.class);
        assertThat(length.code()).isEqualTo("NUMBER_OUT_OF_RANGE");
        assertThat(length.getMessage()).contains("contentLength");
        DomainException rating = refusal("{\"decision\":\"APPROVE\",\"rating\": 2147483648}", ReviewApiFunction.DecisionBody.class);
        assertThat(rating.code()).isEqualTo("NUMBER_OUT_OF_RANGE");
        assertThat(rating.getMessage()).contains("rating");
        assertThat(refusal("{\"rating\": -99999999999999999999999}", ReviewApiFunction.DecisionBody.class).code())
                .isEqualTo("NUMBER_OUT_OF_RANGE");
    }

    @Test
    void otherNumericMistakesKeepTheirCodes() {
        assertThat(refusal("{\"rating\": 1.5}", ReviewApiFunction.DecisionBody.class).code()).isEqualTo("INVALID_TYPE");
        assertThat(refusal("{\"rating\": \"3\"}", ReviewApiFunction.DecisionBody.class).code()).isEqualTo("INVALID_TYPE");
        assertThat(refusal("{\"rating\": 1e400}", ReviewApiFunction.DecisionBody.class).code()).isEqualTo("INVALID_TYPE");
        assertThat(refusal("{\"rating\": 3,}", ReviewApiFunction.DecisionBody.class).code()).isEqualTo("MALFORMED_JSON");
    }
}
