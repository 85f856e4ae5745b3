package io.kycvault.shared.dynamo;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers to read and write DynamoDB attribute maps without reflection. */
public final class Items {

    private Items() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue b(byte[] value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }

    public static AttributeValue t(Instant value) {
        return AttributeValue.fromS(value.toString());
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    public static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    public static Instant time(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : Instant.parse(v);
    }

    public static byte[] bytes(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.b() == null ? null : v.b().asByteArray();
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    public static String casePk(String caseId) {
        return "CASE#" + caseId;
    }

    public static String auditSk(long sequence) {
        return String.format("AUDIT#%010d", sequence);
    }
}
