package dev.shiplane.core.deploy;

import dev.shiplane.core.image.ImageRef;
import java.util.Optional;

/**
 * Images a registry holds, looked up by tag or digest: how an operator's manual deploy ({@code shiplane deploy env
 * service 1.4.2}) finds the digest a push would have carried.
 */
public interface ImageCatalog {

    /**
     * The image in {@code repository} of the registry of {@code registryAccount} (the service's {@code ecrAccount};
     * {@code null}: the caller's own account) with {@code tag}, or with {@code digest} when {@code tag} is null; empty
     * when the registry has no such image (or is not one this catalog reads).
     */
    Optional<ImageRef> find(String registryAccount, String repository, String tag, String digest);

    /** In the caller's own account's registry. */
    default Optional<ImageRef> find(String repository, String tag, String digest) {
        return find(null, repository, tag, digest);
    }
}
