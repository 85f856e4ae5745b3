package io.kycvault.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kycvault.intake.handler.ScanResultsFunction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays EventBridge's rule → Lambda delivery on a laptop. Every {@code EventBridgeRule} event of a
 * function in template.yaml becomes the same rule, with the template's own pattern, on the
 * emulator's bus; its target is a queue only the laptop has, which a local event source mapping
 * drains into the function with each event as Lambda would hand it over (the event JSON as the
 * payload). So the events the function sees are the ones EventBridge matched, on the real wire.
 * Failed events are delivered again, as Lambda retries asynchronous invocations.
 */
@ApplicationScoped
public class LocalEventRules {

    private static final Logger LOG = Logger.getLogger(LocalEventRules.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalConfig config;
    private final LocalProvisioner provisioner;
    private final LocalQueuePollers pollers;
    private final SqsClient sqs;
    private final Map<String, RequestHandler<Map<String, Object>, ?>> functions;
    private final List<String> queues = new ArrayList<>();

    LocalEventRules(LocalConfig config, LocalProvisioner provisioner, LocalQueuePollers pollers, SqsClient sqs,
            ScanResultsFunction scanResults) {
        this.config = config;
        this.provisioner = provisioner;
        this.pollers = pollers;
        this.sqs = sqs;
        this.functions = Map.of(ScanResultsFunction.NAME, scanResults);
    }

    /** The laptop-only queue behind a function's rule (tests pause it to hold events back). */
    public String queueOf(String function) {
        return config.stackName() + "-local-rule-" + function;
    }

    @SuppressWarnings("unchecked")
    void start(@Observes @Priority(35) StartupEvent event) {
        CfnTemplate t = provisioner.template();
        if (!config.enabled() || t == null) {
            return;
        }
        try (EventBridgeClient bridge = LocalAwsClients.events(config.emulator(), config.region())) {
            for (String id : t.ofType("AWS::Serverless::Function")) {
                Map<String, Object> p = t.properties(id);
                Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) p.get("Environment")).get("Variables");
                String name = String.valueOf(variables.get("QUARKUS_LAMBDA_HANDLER"));
                for (var e : ((Map<String, Object>) p.getOrDefault("Events", Map.of())).entrySet()) {
                    Map<String, Object> source = (Map<String, Object>) e.getValue();
                    if (!"EventBridgeRule".equals(source.get("Type"))) {
                        continue;
                    }
                    RequestHandler<Map<String, Object>, ?> function = functions.get(name);
                    if (function == null) {
                        throw new IllegalStateException("function " + name + " has an EventBridge rule but no local delivery");
                    }
                    Map<String, Object> properties = (Map<String, Object>) source.get("Properties");
                    String pattern = JSON.writeValueAsString(t.resolve(properties.get("Pattern")));
                    String bus = properties.containsKey("EventBusName") ? t.string(properties.get("EventBusName")) : "default";
                    String queue = queueOf(name);
                    String url = sqs.createQueue(r -> r.queueName(queue)).queueUrl();
                    String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes().get(QueueAttributeName.QUEUE_ARN);
                    String rule = config.stackName() + "-" + id + "-" + e.getKey();
                    bridge.putRule(r -> r.name(rule).eventBusName(bus).eventPattern(pattern));
                    bridge.putTargets(r -> r.rule(rule).eventBusName(bus).targets(x -> x.id("local-delivery").arn(arn)));
                    // Lambda's asynchronous invocation: EventBridge calls the function itself, no role of the function polls.
                    pollers.poll(name, null, queue, deliver(name, function));
                    queues.add(queue);
                    LOG.infof("local EventBridge rule %s on bus %s delivers to %s", rule, bus, name);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestHandler<SQSEvent, SQSBatchResponse> deliver(String name, RequestHandler<Map<String, Object>, ?> function) {
        return (batch, context) -> {
            List<SQSBatchResponse.BatchItemFailure> failed = new ArrayList<>();
            for (SQSEvent.SQSMessage message : batch.getRecords()) {
                try {
                    Map<String, Object> event = JSON.readValue(message.getBody(), new TypeReference<Map<String, Object>>() { });
                    InvokedFunction.as(name, () -> function.handleRequest(event, null));
                } catch (RuntimeException | java.io.IOException e) {
                    LOG.warnf(e, "local EventBridge delivery to %s failed; it will be retried", name);
                    failed.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            return new SQSBatchResponse(failed);
        };
    }
}
