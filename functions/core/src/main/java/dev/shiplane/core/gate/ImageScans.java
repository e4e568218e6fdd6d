package dev.shiplane.core.gate;

import dev.shiplane.core.image.ImagePush;

/**
 * The registry's vulnerability scan of an image, looked up when a gated deployment begins (a promotion usually
 * finds its scan long finished; a fresh push usually finds it pending and waits for the scan event).
 */
public interface ImageScans {

    /**
     * {@link ScanResult.NotConfigured} when nothing scans the image's repository, {@link ScanResult.Pending} while a
     * configured scan has not finished.
     */
    ScanResult resultOf(ImagePush image);
}
