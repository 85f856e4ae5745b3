package io.kycvault.shared;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts AWS API calls by service and operation (one count per logical call, retries excluded).
 * Registered on every SDK client so benchmarks and cost estimates read real numbers. With the
 * system property {@code kyc.measure-capacity=true} (set by bench/ only) it also asks DynamoDB
 * for the capacity each call consumed and adds it up, as {@code DynamoDb:ReadCapacityUnits} and
 * {@code DynamoDb:WriteCapacityUnits} (in thousandths, to stay integral), and where it went: the
 * table's share as {@code DynamoDb:WriteCapacityUnits@table}, each index's as
 * {@code DynamoDb:WriteCapacityUnits@byCase} and so on.
 */
public class AwsCallCounter implements ExecutionInterceptor {

    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final String READ_UNITS = "DynamoDb:ReadCapacityUnits";
    private static final String WRITE_UNITS = "DynamoDb:WriteCapacityUnits";
    /** Capacity in units by total and by table or index ({@code WRITE_UNITS + "@byCase"}). */
    private static final Map<String, DoubleAdder> UNITS = new ConcurrentHashMap<>();
    private static final boolean MEASURE_CAPACITY = Boolean.getBoolean("kyc.measure-capacity");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(service + ":" + operation, k -> new LongAdder()).increment();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!MEASURE_CAPACITY) {
            return context.request();
        }
        ReturnConsumedCapacity byTarget = ReturnConsumedCapacity.INDEXES;
        return switch (context.request()) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(byTarget).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(byTarget).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(byTarget).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(byTarget).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(byTarget).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(byTarget).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(byTarget).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!MEASURE_CAPACITY) {
            return;
        }
        SdkResponse response = context.response();
        switch (response) {
            case GetItemResponse r -> add(READ_UNITS, r.consumedCapacity());
            case QueryResponse r -> add(READ_UNITS, r.consumedCapacity());
            case BatchGetItemResponse r -> r.consumedCapacity().forEach(c -> add(READ_UNITS, c));
            case PutItemResponse r -> add(WRITE_UNITS, r.consumedCapacity());
            case UpdateItemResponse r -> add(WRITE_UNITS, r.consumedCapacity());
            case DeleteItemResponse r -> add(WRITE_UNITS, r.consumedCapacity());
            case TransactWriteItemsResponse r -> sum(WRITE_UNITS, r.consumedCapacity());
            default -> {
            }
        }
    }

    private static void add(String units, ConsumedCapacity capacity) {
        if (capacity == null || capacity.capacityUnits() == null) {
            return;
        }
        count(units, capacity.capacityUnits());
        if (capacity.table() != null && capacity.table().capacityUnits() != null) {
            count(units + "@table", capacity.table().capacityUnits());
        }
        capacity.globalSecondaryIndexes().forEach((index, c) -> {
            if (c.capacityUnits() != null) {
                count(units + "@" + index, c.capacityUnits());
            }
        });
    }

    private static void count(String key, double units) {
        UNITS.computeIfAbsent(key, k -> new DoubleAdder()).add(units);
    }

    private static void sum(String units, List<ConsumedCapacity> capacities) {
        capacities.forEach(c -> add(units, c));
    }

    /** Calls so far, e.g. {@code DynamoDb:TransactWriteItems → 3}, sorted by name. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        CALLS.forEach((k, v) -> out.put(k, v.sum()));
        if (MEASURE_CAPACITY) {
            out.put(READ_UNITS, 0L);
            out.put(WRITE_UNITS, 0L);
            UNITS.forEach((k, v) -> out.put(k, Math.round(v.sum() * 1000)));
        }
        return out;
    }

    public static void reset() {
        CALLS.clear();
        UNITS.clear();
    }
}
