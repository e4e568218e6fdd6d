package dev.shiplane.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shiplane.core.deploy.ImageCatalog;
import org.junit.jupiter.api.Test;

/** What every {@link ImageCatalog} must do; run against the fake (core) and ECR on the emulator (aws). */
public abstract class ImageCatalogContract {

    protected abstract ImageCatalog catalog();

    /** Pushes an image tagged {@code tag} to {@code repository} (created if needed); returns its digest. */
    protected abstract String givenImage(String repository, String tag);

    @Test
    void byTag_findsTheImageWithItsDigestAndPinnedUri() {
        var digest = givenImage("monynha/web", "1.4.2");

        var found = catalog().find("monynha/web", "1.4.2", null);

        assertThat(found).hasValueSatisfying(image -> {
            assertThat(image.registry()).isEqualTo("ecr");
            assertThat(image.repository()).isEqualTo("monynha/web");
            assertThat(image.tag()).isEqualTo("1.4.2");
            assertThat(image.digest()).isEqualTo(digest);
            assertThat(image.uri()).endsWith(".amazonaws.com/monynha/web@" + digest);
        });
    }

    @Test
    void byDigest_findsTheImage_withoutATag() {
        var digest = givenImage("monynha/web", "1.4.2");

        var found = catalog().find("monynha/web", null, digest);

        assertThat(found).hasValueSatisfying(image -> {
            assertThat(image.digest()).isEqualTo(digest);
            assertThat(image.tag()).isNull();
        });
    }

    @Test
    void imagesOfOneRepository_areToldApart() {
        var older = givenImage("monynha/web", "1.4.1");
        var newer = givenImage("monynha/web", "1.4.2");

        assertThat(newer).isNotEqualTo(older);
        assertThat(catalog().find("monynha/web", "1.4.1", null)).map(image -> image.digest()).contains(older);
        assertThat(catalog().find("monynha/web", null, newer)).map(image -> image.digest()).contains(newer);
    }

    @Test
    void unknownTag_findsNothing() {
        givenImage("monynha/web", "1.4.2");

        assertThat(catalog().find("monynha/web", "9.9.9", null)).isEmpty();
    }

    @Test
    void unknownDigest_findsNothing() {
        givenImage("monynha/web", "1.4.2");

        assertThat(catalog().find("monynha/web", null, "sha256:" + "0".repeat(64))).isEmpty();
    }

    @Test
    void tagOfAnotherRepository_findsNothing() {
        givenImage("monynha/web", "1.4.2");
        givenImage("monynha/api", "2.0.0");

        assertThat(catalog().find("monynha/web", "2.0.0", null)).isEmpty();
    }

    @Test
    void missingRepository_findsNothing_ratherThanThrowing() {
        assertThat(catalog().find("monynha/nowhere", "1.0.0", null)).isEmpty();
    }

    @Test
    void registryHostName_isNotARepositoryOfThisCatalog() {
        assertThat(catalog().find("ghcr.io/monynha/web", "1.4.2", null)).isEmpty();
    }
}
