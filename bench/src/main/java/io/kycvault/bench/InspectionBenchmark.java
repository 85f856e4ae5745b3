package io.kycvault.bench;

import io.kycvault.intake.inspection.DocumentInspector;
import io.kycvault.intake.inspection.ImageLimits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The upload function's validators over realistic files (noise images, so nothing compresses away). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InspectionBenchmark {

    private static final String KEY = "arn:aws:kms:eu-central-1:123456789012:key/documents";

    @Param({"pdf", "jpeg", "png"})
    public String kind;

    @Param({"1", "10"})
    public int mebibytes;

    byte[] file;
    DocumentInspector.Announced announced;
    final DocumentInspector inspector = new DocumentInspector(ImageLimits.DEFAULT);
    final DocumentInspector.Stored stored = new DocumentInspector.Stored("aws:kms", KEY);

    @Setup(Level.Trial)
    public void makeFile() throws IOException {
        file = file(kind, mebibytes);
        String type = switch (kind) {
            case "pdf" -> "application/pdf";
            case "jpeg" -> "image/jpeg";
            default -> "image/png";
        };
        announced = new DocumentInspector.Announced(type, file.length, DocumentInspector.sha256(file), KEY);
    }

    @Benchmark
    public Object inspect() {
        var verdict = inspector.inspect(file, announced, stored);
        if (!verdict.accepted()) {
            throw new IllegalStateException(kind + " rejected: " + verdict.rejection());
        }
        return verdict;
    }

    /** A file of about {@code mebibytes} MiB: noise pixels, so its size is its content. */
    static byte[] file(String kind, int mebibytes) throws IOException {
        long target = mebibytes * 1024L * 1024L;
        int side = switch (kind) {
            case "jpeg" -> (int) Math.sqrt(target / 1.6);
            default -> (int) Math.sqrt(target / 3.0);
        };
        BufferedImage noise = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ("pdf".equals(kind)) {
            try (PDDocument doc = new PDDocument()) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                var image = LosslessFactory.createFromImage(doc, noise);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
                doc.save(out);
            }
        } else {
            ImageIO.write(noise, "jpeg".equals(kind) ? "jpg" : "png", out);
        }
        return out.toByteArray();
    }
}
