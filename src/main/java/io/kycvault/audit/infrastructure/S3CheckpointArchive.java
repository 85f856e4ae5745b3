package io.kycvault.audit.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kycvault.audit.application.AuditConfig;
import io.kycvault.audit.application.CheckpointArchive;
import io.kycvault.audit.model.AuditCheckpoint;
import io.kycvault.casefile.model.ChainHead;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * Checkpoints as JSON objects in the checkpoint bucket. The bucket's default Object Lock retention
 * (compliance mode) keeps every version for the legal period; the bucket policy lets only the
 * checkpoint function write. Newest first: names sort by inverted time.
 */
@ApplicationScoped
public class S3CheckpointArchive implements CheckpointArchive {

    private static final String PREFIX = "checkpoints/";
    /** A case id, sequence and head take about 120 bytes: 100,000 cases stay well under this. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper json;

    public S3CheckpointArchive(S3Client s3, AuditConfig config, ObjectMapper json) {
        this.s3 = s3;
        this.bucket = config.checkpointBucket();
        this.json = json;
    }

    @Override
    public void store(AuditCheckpoint checkpoint, String signature) {
        ObjectNode root = json.createObjectNode();
        root.put("id", checkpoint.id());
        root.put("takenAt", checkpoint.takenAt().toString());
        ObjectNode cases = root.putObject("cases");
        checkpoint.cases().forEach((caseId, anchor) -> cases.putArray(caseId).add(anchor.sequence()).add(anchor.head()));
        root.put("signature", signature);
        byte[] body;
        try {
            body = json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Object Lock buckets refuse a PUT without an integrity checksum.
        s3.putObject(r -> r.bucket(bucket).key(checkpoint.objectName()).contentType("application/json")
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(body));
    }

    @Override
    public Optional<Stored> latest() {
        var listed = s3.listObjectsV2(r -> r.bucket(bucket).prefix(PREFIX).maxKeys(1)).contents();
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        String name = listed.get(0).key();
        if (listed.get(0).size() != null && listed.get(0).size() > MAX_BYTES) {
            throw new IllegalStateException("checkpoint " + name + " is larger than " + MAX_BYTES + " bytes");
        }
        try {
            JsonNode root = json.readTree(s3.getObjectAsBytes(r -> r.bucket(bucket).key(name)).asByteArray());
            Map<String, ChainHead> cases = new HashMap<>();
            root.path("cases").fields().forEachRemaining(e -> cases.put(e.getKey(),
                    new ChainHead(e.getValue().path(0).asLong(), e.getValue().path(1).asText())));
            AuditCheckpoint checkpoint = AuditCheckpoint.of(root.path("id").asText(), Instant.parse(root.path("takenAt").asText()), cases);
            return Optional.of(new Stored(name, checkpoint, root.path("signature").asText(null)));
        } catch (IOException | RuntimeException e) {
            // Unreadable content is reported as an invalid checkpoint, not as "no checkpoint".
            return Optional.of(new Stored(name, AuditCheckpoint.of("unreadable", Instant.EPOCH, Map.of()), null));
        }
    }
}
