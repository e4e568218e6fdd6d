package dev.shiplane.contract.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.shiplane.core.config.InvalidConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Binds {@code shiplane.yml} into a {@link ConfigDocument} with Jackson's YAML data format, exactly as written: an
 * unknown key, a key written twice and a value of the wrong shape are refused, each with its line and path
 * ({@link BindingProblem}); scalars keep their text ({@code semver: 1.10} is {@code "1.10"}), an {@code Integer} takes
 * only a whole number and a {@code Boolean} only true or false.
 *
 * <p>The CDK app binds the part of the file that is its own ({@code platform:}) into its own records with
 * {@link #read(String, String, Class)}: the same strictness, the same problems with their lines.
 */
public final class ConfigDocumentReader {

    /** Built once: Jackson's introspection of the records is most of what reading the file costs. */
    private static final ObjectMapper YAML = strictMapper();

    private ConfigDocumentReader() {}

    /** @return null for a document with nothing in it (only comments, or {@code ~}) */
    static ConfigDocument read(String yaml, String origin) {
        return read(yaml, origin, ConfigDocument.class);
    }

    /**
     * Binds {@code shiplane.yml} into {@code documentType}, a record of the sections a reader uses: a record annotated
     * {@code @JsonIgnoreProperties(ignoreUnknown = true)} skips the keys others read, every other one refuses unknown
     * keys. Problems are {@link InvalidConfigException}s, each {@code origin: line N: path: what is wrong}.
     *
     * @return null for a document with nothing in it (only comments, or {@code ~})
     */
    public static <T> T read(String yaml, String origin, Class<T> documentType) {
        try (var parser = YAML.createParser(yaml)) {
            // described before the parser closes: where it stands is where the problem is
            try {
                var document = parser.nextToken() == null ? null : YAML.readValue(parser, documentType);
                if (parser.nextToken() != null) {
                    throw refused(origin, "line " + parser.currentTokenLocation().getLineNr()
                            + ": a second document; shiplane.yml is one document");
                }
                return document;
            } catch (JacksonException e) {
                throw refused(origin, BindingProblem.describe(e, yaml));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static InvalidConfigException refused(String origin, String problem) {
        return new InvalidConfigException(List.of(origin + ": " + problem));
    }

    private static ObjectMapper strictMapper() {
        var yaml = YAMLFactory.builder()
                // builder() starts without the YAML parser's default features: `key:` with nothing after it is null
                // (absent), as YAML says, not "".
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                // YAML 1.1 reads yes/no/on/off as booleans; a Boolean here takes only true or false, as written.
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return YAMLMapper.builder(
                        // Without it an alias (*web) reads as the text "web", not as what its anchor (&web) holds.
                        new YAMLAnchorReplayingFactory(yaml, null))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new SimpleModule("shiplane.yml").addDeserializer(Integer.class, new WholeNumberAsWritten()))
                // Jackson reads 0 and 1 as false and true; `multiAz: 1` is a mistake to report, not a yes.
                .withCoercionConfig(LogicalType.Boolean, booleans -> booleans
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .build();
    }
}
