package dev.shiplane.infra;

import java.util.List;
import java.util.Map;

/** Reading the synthesized templates' rules for the accounts tests. */
final class AccountTemplates {

    private AccountTemplates() {}

    /** The {@code detail-type}s of a rule resource's event pattern, as {@code Template.findResources} returns it. */
    @SuppressWarnings("unchecked")
    static List<String> detailTypesOf(Map<String, Object> rule) {
        var properties = (Map<String, Object>) rule.get("Properties");
        var pattern = (Map<String, Object>) properties.get("EventPattern");
        return (List<String>) pattern.get("detail-type");
    }
}
