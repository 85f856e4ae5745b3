package io.kycvault.intake.inspection;

/** Bounds checked from an image header before any pixel is decoded. */
public record ImageLimits(int maxSide, long maxPixels) {

    public static final ImageLimits DEFAULT = new ImageLimits(12_000, 80_000_000L);

    boolean allows(long width, long height) {
        return width > 0 && height > 0 && width <= maxSide && height <= maxSide && width * height <= maxPixels;
    }
}
