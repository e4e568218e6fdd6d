package dev.shiplane.core.access;

/** The authorization of one operator request: pure, over the verified caller and the configuration. */
public final class OperatorAuthorization {

    private OperatorAuthorization() {}

    /**
     * @param rules       the configuration's operators
     * @param caller      who AWS verified sent the request
     * @param action      what they ask
     * @param env         the environment it acts on (known to the configuration)
     * @param homeAccount shiplane's own account (the operator entry's), which an environment without a list admits
     */
    public static AccessDecision decide(OperatorRules rules, CallerIdentity caller, OperatorAction action, String env,
                                        String homeAccount) {
        if (!rules.lists(env)) {
            return caller.accountId().equals(homeAccount) ? new AccessDecision.Unlisted(homeAccount)
                    : new AccessDecision.OtherAccount(caller.accountId(), homeAccount);
        }
        var allowed = rules.whoMay(env).get(action);
        return allowed.stream().filter(p -> p.matches(caller)).findFirst()
                .<AccessDecision>map(AccessDecision.Listed::new)
                .orElseGet(() -> new AccessDecision.NotAnOperator(allowed));
    }
}
