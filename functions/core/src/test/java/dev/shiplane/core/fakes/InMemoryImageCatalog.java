package dev.shiplane.core.fakes;

import dev.shiplane.core.image.ImageRef;
import dev.shiplane.core.deploy.ImageCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An ECR registry's images in memory, by repository and tag; GHCR names (a host with a dot) find nothing. */
public final class InMemoryImageCatalog implements ImageCatalog {

    static final String HOST = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

    private final Map<String, String> digestsByTag = new HashMap<>();
    private int pushed;

    /** Pushes an image tagged {@code tag} to {@code repository}; returns its digest. */
    public synchronized String push(String repository, String tag) {
        var digest = "sha256:" + "%064x".formatted(++pushed);
        digestsByTag.put(repository + ":" + tag, digest);
        return digest;
    }

    /** One registry: the account asked is not looked at. */
    @Override
    public synchronized Optional<ImageRef> find(String registryAccount, String repository, String tag, String digest) {
        if (repository.contains(".")) return Optional.empty();
        var found = tag != null ? digestsByTag.get(repository + ":" + tag)
                : digestsByTag.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(repository + ":") && e.getValue().equals(digest))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
        return Optional.ofNullable(found)
                .map(d -> new ImageRef("ecr", repository, tag, d, HOST + "/" + repository + "@" + d));
    }
}
