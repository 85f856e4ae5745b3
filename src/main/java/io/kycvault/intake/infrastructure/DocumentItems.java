package io.kycvault.intake.infrastructure;

import static io.kycvault.shared.dynamo.Items.casePk;
import static io.kycvault.shared.dynamo.Items.key;
import static io.kycvault.shared.dynamo.Items.n;
import static io.kycvault.shared.dynamo.Items.num;
import static io.kycvault.shared.dynamo.Items.s;
import static io.kycvault.shared.dynamo.Items.str;
import static io.kycvault.shared.dynamo.Items.t;
import static io.kycvault.shared.dynamo.Items.time;

import io.kycvault.casefile.model.DocumentType;
import io.kycvault.intake.model.Document;
import io.kycvault.intake.model.DocumentStatus;
import io.kycvault.intake.model.MalwareScan;
import io.kycvault.intake.model.RejectionReason;
import io.kycvault.intake.model.ScanResult;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How a case's documents are laid out in the table ({@code CASE#id/DOC#docId}), beside the case item. */
public final class DocumentItems {

    private DocumentItems() {
    }

    public static Map<String, AttributeValue> documentItem(Document d) {
        Map<String, AttributeValue> item = new HashMap<>(key(casePk(d.caseId()), "DOC#" + d.documentId()));
        item.put("type", s("DOCUMENT"));
        item.put("caseId", s(d.caseId()));
        item.put("documentId", s(d.documentId()));
        item.put("docType", s(d.type().name()));
        item.put("contentType", s(d.contentType()));
        item.put("contentLength", n(d.contentLength()));
        item.put("sha256", s(d.sha256()));
        item.put("status", s(d.status().name()));
        item.put("presignedAt", t(d.presignedAt()));
        item.put("expiresAt", n(d.presignedAt().plus(io.kycvault.casefile.model.RetentionPolicy.SLOT_BACKSTOP).getEpochSecond()));
        return item;
    }

    public static Document toDocument(Map<String, AttributeValue> item) {
        String rejection = str(item, "rejection");
        String scanResult = str(item, "scanResult");
        MalwareScan scan = scanResult == null ? null : new MalwareScan(str(item, "scanVersionId"), ScanResult.valueOf(scanResult),
                str(item, "scanThreat"), time(item, "scannedAt"));
        return new Document(str(item, "caseId"), str(item, "documentId"), DocumentType.valueOf(str(item, "docType")),
                str(item, "contentType"), num(item, "contentLength"), str(item, "sha256"),
                DocumentStatus.valueOf(str(item, "status")), rejection == null ? null : RejectionReason.valueOf(rejection),
                str(item, "versionId"), time(item, "presignedAt"), time(item, "settledAt"), scan);
    }
}
