package dev.shiplane.contract.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.DetailTypes;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public event catalogue, driven by {@link DomainEvent}'s sealed hierarchy rather than a list kept by hand: every
 * detail-type a subtype names has a sample in events/shiplane that round-trips through its record, and one row in
 * docs/EVENTS.md's table. A new subtype, a new detail-type or a new sample that misses any of them fails here.
 */
class EventCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CATALOGUE_HEADING = "## Every event at a glance";
    private static final Pattern SAMPLE_LINK = Pattern.compile("\\(\\.\\./(events/shiplane/[^)]+\\.json)\\)");

    /** Detail-type → its record, from every permitted subtype's {@code DETAIL_TYPE} or {@code DETAIL_TYPES}. */
    static Map<String, Class<?>> detailTypes() {
        var byDetailType = new TreeMap<String, Class<?>>();
        collect(DomainEvent.class, byDetailType);
        return byDetailType;
    }

    private static void collect(Class<?> type, Map<String, Class<?>> into) {
        if (type.isSealed()) {
            for (var subtype : type.getPermittedSubclasses()) {
                collect(subtype, into);
            }
            return;
        }
        for (var detailType : declaredDetailTypes(type)) {
            var earlier = into.put(detailType, type);
            assertThat(earlier).as("'%s' is named by both %s and %s", detailType, earlier, type).isNull();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> declaredDetailTypes(Class<?> type) {
        try {
            return List.of((String) type.getField("DETAIL_TYPE").get(null));
        } catch (NoSuchFieldException single) {
            try {
                return (List<String>) type.getField("DETAIL_TYPES").get(null);
            } catch (NoSuchFieldException | IllegalAccessException several) {
                throw new AssertionError(type.getName() + " declares neither a public DETAIL_TYPE nor DETAIL_TYPES",
                        several);
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(type.getName() + ".DETAIL_TYPE is not readable", e);
        }
    }

    static Stream<String> detailTypeNames() {
        return detailTypes().keySet().stream();
    }

    static Stream<String> samples() throws IOException {
        try (var files = Files.list(RepoFiles.path("events/shiplane"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    private static String detailTypeOf(String sample) {
        try {
            return JSON.readTree(RepoFiles.text("events/shiplane/" + sample)).get("detail-type").asText();
        } catch (IOException e) {
            throw new AssertionError(sample + " is not JSON", e);
        }
    }

    @Test
    void sealedHierarchy_namesTheDetailTypesOfEveryRecord_includingEachRolloutCommand() {
        assertThat(detailTypes()).containsKeys("Image Pushed", "Deployment Started", "Promote Requested",
                "Abort Requested", "Pause Requested", "Resume Requested", "Approval Requested");
        assertThat(detailTypes().values()).containsAll(allPermittedRecords(DomainEvent.class));
    }

    private static List<Class<?>> allPermittedRecords(Class<?> type) {
        var records = new ArrayList<Class<?>>();
        for (var subtype : type.getPermittedSubclasses()) {
            if (subtype.isSealed()) {
                records.addAll(allPermittedRecords(subtype));
            } else {
                records.add(subtype);
            }
        }
        return records;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detailTypeNames")
    void detailType_hasASampleInEventsShiplane(String detailType) throws IOException {
        assertThat(samples().map(EventCatalogueTest::detailTypeOf))
                .as("a sample in events/shiplane with detail-type '%s'", detailType).contains(detailType);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detailTypeNames")
    void detailType_isReadAsTheRecordThatNamesIt(String detailType) {
        assertThat(DetailTypes.recordOf(detailType)).as("DetailTypes.recordOf(\"%s\")", detailType)
                .isEqualTo(detailTypes().get(detailType));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_roundTripsThroughItsRecord(String sample) throws Exception {
        var envelope = JSON.readTree(RepoFiles.text("events/shiplane/" + sample));
        var detailType = envelope.get("detail-type").asText();
        assertThat(detailTypes()).as("detail-types of DomainEvent's records").containsKey(detailType);

        DomainEvent event = DomainEventJson.read(detailType, envelope.get("detail").toString());
        var written = JSON.readTree(DomainEventJson.detail(event));

        assertThat(event).isInstanceOf(detailTypes().get(detailType));
        assertThat(event.detailType()).isEqualTo(detailType);
        assertThat(envelope.get("source").asText()).isEqualTo(DomainEvent.SOURCE);
        assertThat(written).isEqualTo(envelope.get("detail"));
        assertThat(DomainEventJson.read(detailType, written.toString())).isEqualTo(event);
    }

    @Test
    void eventsPage_hasOneRowPerDetailType_eachLinkingSamplesOfIt() throws IOException {
        var rows = catalogueRows();
        var named = rows.stream().map(CatalogueRow::detailType).toList();

        assertThat(named).as("rows of '%s' in docs/EVENTS.md", CATALOGUE_HEADING).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(detailTypes().keySet());
        for (var row : rows) {
            assertThat(row.samples()).as("samples linked from the row of '%s'", row.detailType()).isNotEmpty();
            for (var sample : row.samples()) {
                assertThat(RepoFiles.path(sample)).as("linked from the row of '%s'", row.detailType()).exists();
                assertThat(detailTypeOf(sample.substring("events/shiplane/".length())))
                        .as("detail-type of %s, linked from the row of '%s'", sample, row.detailType())
                        .isEqualTo(row.detailType());
            }
        }
    }

    record CatalogueRow(String detailType, List<String> samples) {}

    /** The table under {@link #CATALOGUE_HEADING}: its first column is the detail-type in backticks. */
    private static List<CatalogueRow> catalogueRows() throws IOException {
        var lines = RepoFiles.text("docs/EVENTS.md").lines().toList();
        var start = lines.indexOf(CATALOGUE_HEADING);
        assertThat(start).as("'%s' in docs/EVENTS.md", CATALOGUE_HEADING).isNotNegative();
        var rows = new ArrayList<CatalogueRow>();
        var inTable = false;
        for (var line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ") || (inTable && !line.startsWith("|"))) {
                break;
            }
            inTable = line.startsWith("|");
            if (line.startsWith("| `")) {
                var firstCell = line.substring(1, line.indexOf('|', 1)).trim();
                var samples = new ArrayList<String>();
                SAMPLE_LINK.matcher(line).results().forEach(m -> samples.add(m.group(1)));
                rows.add(new CatalogueRow(firstCell.replace("`", ""), samples));
            }
        }
        return rows;
    }
}
