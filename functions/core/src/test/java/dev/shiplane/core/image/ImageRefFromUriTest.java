package dev.shiplane.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageRefFromUriTest {

    static final String DIGEST = "sha256:" + "a".repeat(64);

    static Stream<Arguments> uris() {
        return Stream.of(
                Arguments.of("ECR, tag", "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web:1.5.0",
                        new ImageRef("ecr", "monynha/web", "1.5.0", ImageRef.DIGEST_NOT_PINNED,
                                "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web:1.5.0")),
                Arguments.of("ECR, digest-pinned", "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + DIGEST,
                        new ImageRef("ecr", "monynha/web", null, DIGEST,
                                "123456789012.dkr.ecr.us-east-1.amazonaws.com/monynha/web@" + DIGEST)),
                Arguments.of("GHCR, tag and digest", "ghcr.io/monynha/docs:1.3.0@" + DIGEST,
                        new ImageRef("ghcr", "monynha/docs", "1.3.0", DIGEST, "ghcr.io/monynha/docs:1.3.0@" + DIGEST)),
                Arguments.of("registry with a port", "localhost:5000/web:2",
                        new ImageRef("ecr", "web", "2", ImageRef.DIGEST_NOT_PINNED, "localhost:5000/web:2")),
                Arguments.of("no host, no tag: Docker's latest", "monynha/api",
                        new ImageRef("ecr", "monynha/api", "latest", ImageRef.DIGEST_NOT_PINNED, "monynha/api")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uris")
    void fromUri_readsWhatATaskDefinitionNames(String name, String uri, ImageRef expected) {
        assertThat(ImageRef.fromUri(uri)).isEqualTo(expected);
    }
}
