package io.kycvault.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.casefile.application.CaseFiles;
import io.kycvault.intake.application.CaseStore;
import io.kycvault.intake.application.DocumentStorage;
import io.kycvault.intake.application.IntakeConfig;
import io.kycvault.intake.application.UploadQueue;
import io.kycvault.intake.application.VerifyingUpload;
import io.kycvault.intake.handler.UploadEventsFunction;
import io.kycvault.local.InvokedFunction;
import io.kycvault.local.LocalConfig;
import io.kycvault.local.LocalGateway;
import io.kycvault.local.LocalQueuePollers;
import io.kycvault.testing.Api;
import io.kycvault.testing.Cases;
import io.kycvault.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A notification whose verification lost every retry to other writers of its case comes back within
 * seconds, not after the queue's three-minute visibility timeout: the upload function sets the
 * message's visibility itself, on the real queue. Nothing is lost: the next delivery settles it.
 */
@QuarkusTest
class UploadRetryTest {

    @Inject
    LocalGateway gateway;
    @Inject
    LocalQueuePollers pollers;
    @Inject
    LocalConfig local;
    @Inject
    SqsClient sqs;
    @Inject
    CaseStore store;
    @Inject
    DocumentStorage storage;
    @Inject
    IntakeConfig config;
    @Inject
    Clock clock;
    @Inject
    UploadQueue queue;
    @Inject
    ObjectMapper json;

    @Test
    void aNotificationThatLostEveryRaceComesBackInSecondsAndIsThenSettled() {
        Cases cases = new Cases(new Api(gateway));
        String url = sqs.getQueueUrl(r -> r.queueName(local.uploadQueue())).queueUrl();
        Cases.Opened c = cases.open("contended");
        pollers.pause(local.uploadQueue());
        String documentId;
        try {
            documentId = cases.upload(c, "PASSPORT", "application/pdf", Fixtures.textPdf("passport " + c.caseId()));
            Message notification = receiveFor(url, documentId, 10);
            assertThat(notification).as("the upload's notification in the queue").isNotNull();

            // Every write of this delivery loses, as under a burst of scan results for the same case.
            UploadEventsFunction function = new UploadEventsFunction(
                    new VerifyingUpload(alwaysOutpaced(store), storage, config, clock), queue, json);
            SQSEvent event = new SQSEvent();
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(notification.messageId());
            message.setReceiptHandle(notification.receiptHandle());
            message.setBody(notification.body());
            message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receives(notification))));
            event.setRecords(List.of(message));
            long handedBack = System.nanoTime();
            SQSBatchResponse response = InvokedFunction.as("upload-events", () -> function.handleRequest(event, null));
            assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly(notification.messageId());

            Message again = receiveFor(url, documentId, 15);
            double seconds = (System.nanoTime() - handedBack) / 1e9;
            assertThat(again).as("the notification delivered again").isNotNull();
            assertThat(seconds).as("seconds until it came back (the queue's own timeout is 180)").isLessThan(12);
            assertThat(Integer.parseInt(again.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
                    .as("the next delivery of the same message").isEqualTo(receives(notification) + 1);
            // Handed back at once, for the event source mapping's delivery below.
            sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(again.receiptHandle()).visibilityTimeout(0));
        } finally {
            pollers.resume(local.uploadQueue());
        }
        assertThat(cases.awaitSettled(c, documentId).get("status").asText()).isEqualTo("VERIFIED");
    }

    private static int receives(Message message) {
        return Integer.parseInt(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    /** Receives from the queue until the notification for the document arrives (others are handed back). */
    private Message receiveFor(String url, String documentId, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages()) {
                if (m.body().contains(documentId)) {
                    return m;
                }
                sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            }
        }
        return null;
    }

    /** The store, except that every document settlement finds the case changed meanwhile. */
    private static CaseStore alwaysOutpaced(CaseStore real) {
        return (CaseStore) Proxy.newProxyInstance(CaseStore.class.getClassLoader(), new Class<?>[] {CaseStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("settleDocument")) {
                        throw new CaseFiles.ConcurrentChange("the case changed meanwhile (test)");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
