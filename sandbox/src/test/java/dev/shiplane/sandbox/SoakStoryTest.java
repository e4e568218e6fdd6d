package dev.shiplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shiplane.contract.config.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SoakStoryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static List<SoakStory.File> days(long seed, int days) {
        var story = new SoakStory(seed);
        List<SoakStory.File> files = new ArrayList<>();
        IntStream.rangeClosed(1, days).forEach(day -> files.addAll(story.day(day)));
        return files;
    }

    @Test
    void sameSeed_sameStory_anotherSeed_anotherStory() {
        assertThat(days(7, 35)).isEqualTo(days(7, 35)).isNotEqualTo(days(8, 35));
    }

    @Test
    void everyDay_advancesTheClockByOneDay_inNameOrder() throws Exception {
        var story = new SoakStory(1);
        for (int day = 1; day <= 35; day++) {
            var files = story.day(day);
            assertThat(files).extracting(SoakStory.File::name).isSorted();
            var advanced = Duration.ZERO;
            for (var file : files) {
                var node = JSON.readTree(file.json());
                if ("advance".equals(node.path("sandbox").asText())) {
                    advanced = advanced.plus(DurationText.parse(node.path("by").asText()));
                }
            }
            assertThat(advanced).as("day %d", day).isEqualTo(Duration.ofDays(1));
        }
    }

    @Test
    void thirtyFiveDays_holdTwoMonthlyRotations_andEveryKindOfEvent() {
        var story = new SoakStory(1);
        IntStream.rangeClosed(1, 35).forEach(story::day);
        assertThat(story.counts()).containsEntry("monthly rotations", 2)
                .containsKeys("pushes", "duplicated deliveries", "ECR scans", "gate alarms", "gate alarms cleared",
                        "ECS failures", "freezes (shiplane freeze)", "unfreezes (shiplane unfreeze)",
                        "rollbacks (shiplane rollback)");
        // every push a distinct image, and the first day releases every service
        assertThat(story.pushes()).extracting(SoakStory.Push::digest).doesNotHaveDuplicates();
        assertThat(story.pushes().stream().filter(p -> p.day() == 1).map(SoakStory.Push::service))
                .containsExactlyInAnyOrderElementsOf(SoakStory.SERVICES);
    }
}
