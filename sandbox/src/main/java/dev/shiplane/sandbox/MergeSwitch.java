package dev.shiplane.sandbox;

/**
 * The one switch between the sandbox's ECS engine and shiplane's side of it, written alongside: the hooks function
 * ({@code functions/hooks}, handler {@value #HOOKS_HANDLER}) and the deploy and canary functions' handling of ECS's
 * native events (Approval Requested on a pause, {@code shiplane promote} → ContinueServiceDeployment, the settings
 * redeploy after a stack update).
 * <p>
 * Off: services on ECS's engine get no Lambda hook (their deployments run every stage, shift, bake, pause and rollback
 * without one) and SandboxIT asserts ECS's part of the stories only. On: the template must declare the hooks function;
 * the sandbox hosts it from its package like every other function, renders it as every native service's Lambda hook
 * (its {@code live} alias, with the role in {@code SHIPLANE_HOOKS_ROLE_ARN}), ECS's engine invokes it at its stages,
 * and SandboxIT asserts shiplane's part too.
 */
final class MergeSwitch {

    /** Turn on when the hooks function, its place in the template and the functions' native handling are merged. */
    static final boolean ON = true;

    static final String HOOKS_HANDLER = "dev.shiplane.hooks.HooksFunction";

    private MergeSwitch() {}
}
