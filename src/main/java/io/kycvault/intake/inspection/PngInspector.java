package io.kycvault.intake.inspection;

import io.kycvault.intake.model.RejectionReason;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Walks the PNG chunk structure (length, type, CRC) from the signature to IEND without inflating
 * image data, so a tiny file that declares gigantic dimensions is refused before decoding.
 */
final class PngInspector {

    private PngInspector() {
    }

    static Optional<RejectionReason> inspect(byte[] bytes, ImageLimits limits) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(8);
        boolean first = true;
        while (true) {
            if (in.remaining() < 12) {
                return Optional.of(RejectionReason.TRUNCATED_IMAGE);
            }
            long length = Integer.toUnsignedLong(in.getInt());
            int typeStart = in.position();
            if (length > in.remaining() - 8L) {
                return Optional.of(RejectionReason.TRUNCATED_IMAGE);
            }
            String type = new String(bytes, typeStart, 4, java.nio.charset.StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(bytes, typeStart, 4 + (int) length);
            in.position(typeStart + 4 + (int) length);
            long storedCrc = Integer.toUnsignedLong(in.getInt());
            if (crc.getValue() != storedCrc) {
                return Optional.of(RejectionReason.TRUNCATED_IMAGE);
            }
            if (first) {
                if (!"IHDR".equals(type) || length != 13) {
                    return Optional.of(RejectionReason.TRUNCATED_IMAGE);
                }
                long width = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, typeStart + 4, 4).getInt());
                long height = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, typeStart + 8, 4).getInt());
                if (!limits.allows(width, height)) {
                    return Optional.of(RejectionReason.IMAGE_TOO_LARGE);
                }
                first = false;
            }
            if ("IEND".equals(type)) {
                return Optional.empty();
            }
        }
    }
}
