package dev.shiplane.contract;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a function's event parser over the contract's sample events (this module packages a few of them from
 * {@code events/}) before a SnapStart snapshot, so a restored function's first event finds Jackson's parser, the
 * envelope reader and the mapper's deserializers of the common details built and already run once. Parsing is pure:
 * nothing is handled, logged or sent.
 */
public final class SampleEventPriming {

    /** Under {@code events/} in the repository; the contract module's pom packages each of them. */
    static final List<String> SAMPLES = List.of(
            "aws/ecr-image-push.json",
            "aws/ecr-image-scan-clean.json",
            "aws/ecs-deployment-completed.json",
            "aws/cloudwatch-alarm-staging-api-5xx-alarm.json",
            "aws/scheduled-rotation.json",
            "aws/ecs-hook-state-change-awaiting-action.json",
            "shiplane/image-pushed.json",
            "shiplane/canary-step-due.json",
            "shiplane/deploy-requested.json",
            "shiplane/health-check-due.json",
            "shiplane/rotation-requested.json",
            "shiplane/deployment-rolled-back.json");

    static final String PACKAGED_UNDER = "/dev/shiplane/contract/samples/";

    private static final Logger LOG = LoggerFactory.getLogger(SampleEventPriming.class);

    private SampleEventPriming() {}

    /**
     * @param parser the function's own parser, e.g. {@code EventParser::parse}
     * @return how many samples it parsed; a sample it refuses (not its kind of event) or that is missing is skipped,
     *     since priming is best effort and must not fail a SnapStart publication
     */
    public static int parseWith(Function<byte[], ?> parser) {
        int parsed = 0;
        for (var sample : SAMPLES) {
            try (InputStream in = SampleEventPriming.class.getResourceAsStream(PACKAGED_UNDER + sample)) {
                if (in == null) continue;
                parser.apply(in.readAllBytes());
                parsed++;
            } catch (IOException | RuntimeException skipped) {
                // best effort, see above
            }
        }
        LOG.info("SnapStart priming: {} of {} sample events parsed", parsed, SAMPLES.size());
        return parsed;
    }
}
