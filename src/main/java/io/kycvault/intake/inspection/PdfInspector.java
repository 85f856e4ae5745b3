package io.kycvault.intake.inspection;

import io.kycvault.intake.model.RejectionReason;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Refuses PDFs that can act on the reader's machine or reach out of the document. Rather than
 * checking the few places the specification names (document open action, page and annotation
 * actions, name trees), it visits every object of the file, so JavaScript hidden in an unreferenced
 * object or a nested action is found as well. Refused: JavaScript, launch actions, embedded files,
 * XFA forms (their scripts and data connections run outside the PDF's own model), and the actions
 * that send or fetch data or open another file — SubmitForm, ImportData, URI, GoToR (another file),
 * GoToE (an embedded file) — and RichMedia (Flash/video players and their scripts). An open action
 * that only sets the view (GoTo), as scanners write, is fine.
 */
final class PdfInspector {

    private static final COSName JS = COSName.getPDFName("JS");
    private static final COSName JAVASCRIPT = COSName.getPDFName("JavaScript");
    private static final COSName LAUNCH = COSName.getPDFName("Launch");
    private static final COSName EMBEDDED_FILES = COSName.getPDFName("EmbeddedFiles");
    private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");
    private static final COSName EF = COSName.getPDFName("EF");
    private static final COSName XFA = COSName.getPDFName("XFA");
    private static final COSName RICH_MEDIA = COSName.getPDFName("RichMedia");
    private static final COSName RICH_MEDIA_EXECUTE = COSName.getPDFName("RichMediaExecute");
    private static final COSName RICH_MEDIA_CONTENT = COSName.getPDFName("RichMediaContent");
    private static final COSName RICH_MEDIA_SETTINGS = COSName.getPDFName("RichMediaSettings");
    /** Action types (the /S of an action dictionary) refused, each with its own reason. */
    private static final java.util.Map<COSName, RejectionReason> ACTIONS = java.util.Map.of(
            COSName.getPDFName("SubmitForm"), RejectionReason.PDF_SUBMIT_FORM,
            COSName.getPDFName("ImportData"), RejectionReason.PDF_IMPORT_DATA,
            COSName.getPDFName("URI"), RejectionReason.PDF_URI_ACTION,
            COSName.getPDFName("GoToR"), RejectionReason.PDF_REMOTE_GOTO,
            COSName.getPDFName("GoToE"), RejectionReason.PDF_EMBEDDED_GOTO,
            RICH_MEDIA_EXECUTE, RejectionReason.PDF_RICH_MEDIA);

    private PdfInspector() {
    }

    static Optional<RejectionReason> inspect(byte[] bytes) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            if (document.isEncrypted()) {
                return Optional.of(RejectionReason.PDF_ENCRYPTED);
            }
            if (document.getNumberOfPages() < 1) {
                return Optional.of(RejectionReason.MALFORMED_PDF);
            }
            return scan(document.getDocument());
        } catch (InvalidPasswordException e) {
            return Optional.of(RejectionReason.PDF_ENCRYPTED);
        } catch (IOException | RuntimeException e) {
            return Optional.of(RejectionReason.MALFORMED_PDF);
        }
    }

    private static Optional<RejectionReason> scan(COSDocument cos) throws IOException {
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<COSBase> pending = new ArrayDeque<>();
        pending.push(cos.getTrailer());
        for (COSObjectKey key : cos.getXrefTable().keySet()) {
            COSObject object = cos.getObjectFromPool(key);
            if (object != null && object.getObject() != null) {
                pending.push(object.getObject());
            }
        }
        while (!pending.isEmpty()) {
            COSBase next = pending.pop();
            if (next instanceof COSObject reference) {
                // Referenced objects are reached through the xref table; do not follow references twice.
                continue;
            }
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof COSDictionary dictionary) {
                Optional<RejectionReason> found = judge(dictionary);
                if (found.isPresent()) {
                    return found;
                }
                for (COSBase value : dictionary.getValues()) {
                    pending.push(value);
                }
            } else if (next instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    pending.push(array.get(i));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<RejectionReason> judge(COSDictionary d) {
        COSName action = d.getCOSName(COSName.S);
        if (d.containsKey(JS) || d.containsKey(JAVASCRIPT) || JAVASCRIPT.equals(action)) {
            return Optional.of(RejectionReason.PDF_JAVASCRIPT);
        }
        if (LAUNCH.equals(action)) {
            return Optional.of(RejectionReason.PDF_LAUNCH_ACTION);
        }
        if (d.containsKey(EMBEDDED_FILES) || d.containsKey(EF) || EMBEDDED_FILE.equals(d.getCOSName(COSName.TYPE))) {
            return Optional.of(RejectionReason.PDF_EMBEDDED_FILES);
        }
        if (d.containsKey(XFA)) {
            // Only an interactive form dictionary (AcroForm) carries XFA.
            return Optional.of(RejectionReason.PDF_XFA_FORM);
        }
        if (action != null && ACTIONS.containsKey(action)) {
            return Optional.of(ACTIONS.get(action));
        }
        if (RICH_MEDIA.equals(d.getCOSName(COSName.SUBTYPE)) || d.containsKey(RICH_MEDIA_CONTENT) || d.containsKey(RICH_MEDIA_SETTINGS)) {
            return Optional.of(RejectionReason.PDF_RICH_MEDIA);
        }
        return Optional.empty();
    }
}
