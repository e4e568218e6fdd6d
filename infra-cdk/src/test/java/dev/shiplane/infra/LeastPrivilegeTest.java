package dev.shiplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each function of the repository's app may do what its package calls, on what the seed's shiplane.yml makes it
 * touch, and no more than {@link PermissionWidening} gives a reason for. The calls are the package's own list
 * ({@link AwsOperationsArtifact}: what SnapStart priming walks, written when the shrunk jar is packaged), the
 * resources {@link OperationResources}' table, the permissions the synthesized template's policies
 * ({@link FunctionPolicies}), matched as IAM matches them ({@link IamStatement}; conditions taken as met).
 *
 * <p>What this does not prove: that a call's request names only those resources (the adapters' moto tests do), that
 * conditions hold, and anything about permission boundaries, SCPs or resource policies. docs/PERMISSIONS.md.
 */
class LeastPrivilegeTest {

    private static List<FunctionPolicies.Function> functions;
    /** What each function's calls touch, in the scope of its delivery stack (its account's environments). */
    private static final Map<FunctionPolicies.Function, OperationResources> resourcesOf = new IdentityHashMap<>();
    private static Path root;

    @BeforeAll
    static void synth() {
        var app = SynthesizedApp.get();
        var layout = RepositoryLayout.locate();
        root = layout.configFile().getParent();
        var config = InfraConfig.load(layout.configFile());
        var all = new ArrayList<FunctionPolicies.Function>();
        // every account's delivery stack, each checked against what its own environments and their platforms need
        for (var account : config.accounts().accounts()) {
            var id = ShiplaneDeliveryStack.idFor(account, account.equals(config.accounts().primary()));
            var delivery = new TemplateValues(TemplateValues.read(app.templateFile(id)));
            var platforms = config.accounts().environmentsIn(account).stream().map(ServiceInfraStack::nameFor)
                    .filter(name -> app.stacks().stream().anyMatch(s -> s.getArtifactId().equals(name)))
                    .map(name -> new TemplateValues(TemplateValues.read(app.templateFile(name)))).toList();
            var resources = new OperationResources(config,
                    DeploymentScope.of(config, Optional.empty(), Optional.of(account)), delivery, platforms);
            for (var function : FunctionPolicies.of(delivery)) {
                all.add(function);
                resourcesOf.put(function, resources);
            }
        }
        assertThat(config.accounts().accounts()).as("shiplane.yml's accounts").hasSize(2);
        functions = List.copyOf(all);
    }

    @Test
    void everyFunctionOfTheAppIsChecked_andItsRoleHasNoManagedPolicy() {
        assertThat(functions).extracting(FunctionPolicies.Function::pkg).containsAll(
                List.of("deploy", "canary", "rollback", "webhook", "notify", "rotate", "checks", "hooks", "operator"));
        assertThat(functions).allSatisfy(f -> assertThat(f.managed()).as("%s's managed policies", f).isEmpty());
    }

    @Test
    void everyOperationAFunctionCalls_isAllowedOnEveryResourceItTouches() {
        var missing = new ArrayList<String>();
        for (var function : functions) {
            for (var operation : AwsOperationsArtifact.of(root, function.pkg())) {
                if (OperationResources.HELD_NOT_CALLED.containsKey(operation)) continue;
                var needs = resourcesOf.get(function).of(function, operation);
                if (needs == null) {
                    missing.add(function + ": " + operation + " has no row in OperationResources: say what it"
                            + " touches in the seed's config");
                    continue;
                }
                for (var need : needs) {
                    if (function.allows().stream().noneMatch(s -> s.allows(need.action(), need.arn()))) {
                        missing.add(function + ": " + operation + " needs " + need.action() + " on " + need.arn()
                                + ", which no statement of its policy allows");
                    }
                }
            }
            for (var need : resourcesOf.get(function).ofTheFunctionItself(function)) {
                if (function.allows().stream().noneMatch(s -> s.allows(need.action(), need.arn()))) {
                    missing.add(function + ": Lambda needs " + need.action() + " on " + need.arn() + " for it");
                }
            }
        }
        assertThat(missing).as("permissions the functions' calls need and their policies lack").isEmpty();
    }

    @Test
    void noStatementAllowsMoreThanTheCallsNeed_butTheWideningsGivenAReason() {
        var unexplained = new ArrayList<String>();
        var used = new HashSet<PermissionWidening>();
        for (var function : functions) {
            var needs = needsOf(function);
            for (var statement : function.allows()) {
                for (var action : statement.actions()) {
                    for (var resource : statement.resources()) {
                        var exact = needs.stream().anyMatch(n -> n.arn().equals(resource)
                                && IamStatement.actionMatches(action, n.action()));
                        if (exact) continue;
                        var reason = PermissionWidening.ALL.stream().filter(w -> w.matches(action, resource))
                                .findFirst();
                        if (reason.isPresent()) {
                            used.add(reason.get());
                        } else {
                            unexplained.add(function + ": " + statement.where() + " allows " + action + " on "
                                    + resource + (statement.conditions().isEmpty() ? ""
                                    : " when " + statement.conditions()) + ", more than its calls need "
                                    + needs.stream().filter(n -> statement.allowsAction(n.action()))
                                            .map(n -> n.action() + " on " + n.arn()).distinct().toList()
                                    + "; narrow it, or give PermissionWidening a row with the reason");
                        }
                    }
                }
            }
        }
        assertThat(unexplained).as("grants wider than the calls need, without a reason").isEmpty();
        assertThat(PermissionWidening.ALL.stream().filter(w -> !used.contains(w)).toList())
                .as("PermissionWidening rows no grant uses any more: delete them").isEmpty();
    }

    @Test
    void everyOperationHeldButNotCalled_isStillInSomePackage() {
        var held = new TreeSet<String>();
        functions.forEach(f -> held.addAll(AwsOperationsArtifact.of(root, f.pkg())));
        assertThat(held).as("OperationResources.HELD_NOT_CALLED rows must name operations some package holds")
                .containsAll(OperationResources.HELD_NOT_CALLED.keySet());
    }

    private static Set<OperationResources.Need> needsOf(FunctionPolicies.Function function) {
        var resources = resourcesOf.get(function);
        var needs = new HashSet<OperationResources.Need>(resources.ofTheFunctionItself(function));
        for (var operation : AwsOperationsArtifact.of(root, function.pkg())) {
            var ofOperation = resources.of(function, operation);
            if (ofOperation != null) needs.addAll(ofOperation);
        }
        return needs;
    }
}
