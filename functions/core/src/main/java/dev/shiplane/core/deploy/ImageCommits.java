package dev.shiplane.core.deploy;

import dev.shiplane.core.image.ImageCommit;
import dev.shiplane.core.image.ImagePush;
import java.util.Optional;

/**
 * What a pushed image says about the commit it was built from, asked of the registry that holds it (ECR: the
 * pushed digest's image index or manifest, its OCI annotations). A push is announced whatever the answer: DORA's
 * lead time then runs from the push instead of the commit.
 */
public interface ImageCommits {

    /** Asks nothing: for registries whose deliveries already carry the commit (GHCR's labels). */
    ImageCommits NOT_ASKED = push -> Optional.empty();

    /**
     * The commit the image of {@code push} names; empty when it names none, when the image or its repository is
     * gone, when it is not in a registry this reads, or when the registry cannot be asked now. Never throws for
     * any of these: the push matters more than its provenance.
     */
    Optional<ImageCommit> builtFrom(ImagePush push);
}
