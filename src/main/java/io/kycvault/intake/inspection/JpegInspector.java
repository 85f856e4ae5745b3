package io.kycvault.intake.inspection;

import io.kycvault.intake.model.RejectionReason;
import java.util.Optional;

/**
 * Walks JPEG marker segments up to the start of scan, reads the frame size from the SOF segment
 * and requires the end-of-image marker, so truncated files and oversized frames are refused
 * without decoding the entropy-coded data.
 */
final class JpegInspector {

    private JpegInspector() {
    }

    static Optional<RejectionReason> inspect(byte[] b, ImageLimits limits) {
        int pos = 2;
        boolean frameSeen = false;
        while (true) {
            if (pos + 4 > b.length) {
                return Optional.of(RejectionReason.TRUNCATED_IMAGE);
            }
            if ((b[pos] & 0xff) != 0xff) {
                return Optional.of(RejectionReason.TRUNCATED_IMAGE);
            }
            int marker = b[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++;
                continue;
            }
            if (marker == 0xd8 || marker == 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
                return Optional.of(RejectionReason.TRUNCATED_IMAGE);
            }
            int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            if (length < 2 || pos + 2 + length > b.length) {
                return Optional.of(RejectionReason.TRUNCATED_IMAGE);
            }
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                if (length < 8) {
                    return Optional.of(RejectionReason.TRUNCATED_IMAGE);
                }
                int height = ((b[pos + 5] & 0xff) << 8) | (b[pos + 6] & 0xff);
                int width = ((b[pos + 7] & 0xff) << 8) | (b[pos + 8] & 0xff);
                if (!limits.allows(width, height)) {
                    return Optional.of(RejectionReason.IMAGE_TOO_LARGE);
                }
                frameSeen = true;
            }
            pos += 2 + length;
            if (marker == 0xda) {
                break;
            }
        }
        if (!frameSeen) {
            return Optional.of(RejectionReason.TRUNCATED_IMAGE);
        }
        // The scan data may be followed by padding; the file must still close with EOI.
        int end = b.length - 1;
        while (end > pos && b[end] == 0) {
            end--;
        }
        if (end - 1 < pos || (b[end - 1] & 0xff) != 0xff || (b[end] & 0xff) != 0xd9) {
            return Optional.of(RejectionReason.TRUNCATED_IMAGE);
        }
        return Optional.empty();
    }
}
