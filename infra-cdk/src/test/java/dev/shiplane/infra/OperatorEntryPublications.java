package dev.shiplane.infra;

import dev.shiplane.contract.config.ConfigLoader;
import dev.shiplane.core.access.CallerIdentity;
import dev.shiplane.core.access.OperatorAction;
import dev.shiplane.core.events.DeliveryRegistry;
import dev.shiplane.core.events.DomainEvent;
import dev.shiplane.core.events.EventBus;
import dev.shiplane.core.events.RolloutCommand;
import dev.shiplane.core.freeze.Freeze;
import dev.shiplane.core.freeze.Freezes;
import dev.shiplane.core.operator.OperatorRequest;
import dev.shiplane.core.operator.OperatorRequestService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The detail-types the operator entry puts on the bus, found by running its use case ({@link OperatorRequestService})
 * on the repository's shiplane.yml: one accepted request of every {@link OperatorAction}, and one refused. A new
 * action does not compile here until it is given a request, so the bus policy's test cannot miss what it publishes.
 */
final class OperatorEntryPublications {

    private static final String ACCOUNT = "123456789012";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private OperatorEntryPublications() {}

    static Set<String> detailTypes() {
        var config = ConfigLoader.load(RepositoryLayout.locate().configFile());
        // An environment without an operator list admits the account's principals; one with a list refuses others.
        var open = config.environments().stream().filter(e -> !config.operators().lists(e.name())).findFirst()
                .orElseThrow();
        var listed = config.environments().stream().filter(e -> config.operators().lists(e.name())).findFirst()
                .orElseThrow();
        var service = config.targetsIn(open.name()).getFirst().serviceName();
        var caller = new CallerIdentity("arn:aws:sts::" + ACCOUNT + ":assumed-role/SomeoneElse/alice", ACCOUNT);

        var published = new ArrayList<DomainEvent>();
        EventBus bus = published::add;
        var entry = new OperatorRequestService(config, bus, new FreezesInMemory(), new RequestIdsInMemory(), ACCOUNT);
        var n = 0;
        for (var action : OperatorAction.values()) {
            var id = "request-" + ++n;
            OperatorRequest request = switch (action) {
                case DEPLOY -> new OperatorRequest.Deploy(id, open.name(), service, "v1.2.3", "a test");
                case ROLLBACK -> new OperatorRequest.Rollback(id, open.name(), service, false, "a test");
                case PROMOTE, ABORT, PAUSE, RESUME -> new OperatorRequest.Rollout(id,
                        RolloutCommand.Kind.fromCode(action.code()), open.name(), service, "a test");
                case FREEZE -> new OperatorRequest.Freeze(id, open.name(), NOW.plus(Duration.ofHours(1)), "a test");
                case UNFREEZE -> new OperatorRequest.Unfreeze(id, open.name());
            };
            entry.handle(request, caller, NOW);
        }
        entry.handle(new OperatorRequest.Deploy("refused", listed.name(), service, "v1.2.3", "a test"), caller, NOW);
        var types = new TreeSet<String>();
        published.forEach(e -> types.add(e.detailType()));
        return types;
    }

    private static final class FreezesInMemory implements Freezes {
        private final Map<String, Freeze> freezes = new HashMap<>();

        public Optional<Freeze> of(String env) {
            return Optional.ofNullable(freezes.get(env));
        }

        public void put(Freeze freeze) {
            freezes.put(freeze.env(), freeze);
        }

        public void lift(String env) {
            freezes.remove(env);
        }
    }

    private static final class RequestIdsInMemory implements DeliveryRegistry {
        private final Set<String> seen = new HashSet<>();

        public boolean firstSeen(String deliveryId, Instant expiresAt) {
            return seen.add(deliveryId);
        }

        public void forget(String deliveryId) {
            seen.remove(deliveryId);
        }
    }
}
