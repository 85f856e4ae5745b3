package io.kycvault.intake.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kycvault.intake.application.ApplyingScanResult;
import io.kycvault.intake.model.ScanResult;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * GuardDuty Malware Protection for S3's "GuardDuty Malware Protection Object Scan Result" events,
 * delivered by an EventBridge rule on the default bus (template.yaml; locally the same rule, made
 * from the template, in LocalStack). The event:
 *
 * <pre>{"source": "aws.guardduty", "detail-type": "GuardDuty Malware Protection Object Scan Result",
 *  "time": "...", "resources": ["arn:aws:guardduty:...:malware-protection-plan/..."],
 *  "detail": {"schemaVersion": "1.0", "scanStatus": "COMPLETED|SKIPPED|FAILED", "resourceType": "S3_OBJECT",
 *    "s3ObjectDetails": {"bucketName": "...", "objectKey": "...", "eTag": "...", "versionId": "...", "s3Throttled": false},
 *    "scanResultDetails": {"scanResultStatus": "NO_THREATS_FOUND|THREATS_FOUND|UNSUPPORTED|ACCESS_DENIED|FAILED",
 *      "threats": [{"name": "..."}]}}}</pre>
 *
 * A malformed event is a {@code SECURITY_EVENT} and is dropped (a retry would not mend it); a
 * failure to apply a well-formed one is thrown, so Lambda retries it and then keeps it in the
 * functions' dead-letter queue (alarmed).
 */
@Named(ScanResultsFunction.NAME)
public class ScanResultsFunction implements RequestHandler<Map<String, Object>, Map<String, String>> {

    public static final String NAME = "scan-results";
    public static final String SOURCE = "aws.guardduty";
    public static final String DETAIL_TYPE = "GuardDuty Malware Protection Object Scan Result";

    private static final Logger LOG = Logger.getLogger(ScanResultsFunction.class);

    private final ApplyingScanResult applying;

    public ScanResultsFunction(ApplyingScanResult applying) {
        this.applying = applying;
    }

    @Override
    public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
        Optional<ApplyingScanResult.ScanReport> report = parse(event);
        if (report.isEmpty()) {
            return Map.of("outcome", "MALFORMED");
        }
        return Map.of("outcome", applying.apply(report.get()).name());
    }

    static Optional<ApplyingScanResult.ScanReport> parse(Map<String, Object> event) {
        if (event == null || !SOURCE.equals(event.get("source")) || !DETAIL_TYPE.equals(event.get("detail-type"))) {
            return malformed("not a GuardDuty Malware Protection object scan result", event);
        }
        Map<?, ?> detail = map(event.get("detail"));
        Map<?, ?> object = map(detail.get("s3ObjectDetails"));
        Map<?, ?> result = map(detail.get("scanResultDetails"));
        String bucket = text(object.get("bucketName"));
        String key = text(object.get("objectKey"));
        String version = text(object.get("versionId"));
        Optional<ScanResult> status = ScanResult.parse(text(result.get("scanResultStatus")));
        if (bucket == null || key == null || status.isEmpty()) {
            return malformed("scan result without bucket, key or a known scanResultStatus", event);
        }
        String threat = null;
        if (result.get("threats") instanceof List<?> threats && !threats.isEmpty()) {
            threat = text(map(threats.get(0)).get("name"));
        }
        Instant at;
        try {
            at = event.get("time") instanceof String time ? Instant.parse(time) : Instant.now();
        } catch (DateTimeParseException e) {
            return malformed("scan result with an unreadable time", event);
        }
        return Optional.of(new ApplyingScanResult.ScanReport(bucket, key, version, status.get(), threat, at));
    }

    private static Optional<ApplyingScanResult.ScanReport> malformed(String why, Map<String, Object> event) {
        LOG.warnf("SECURITY_EVENT malware scan: malformed event dropped: %s (id=%s source=%s)", why,
                event == null ? "-" : clip(event.get("id")), event == null ? "-" : clip(event.get("source")));
        return Optional.empty();
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isEmpty() && s.length() <= 1024 ? s : null;
    }

    private static String clip(Object value) {
        String s = String.valueOf(value).replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
