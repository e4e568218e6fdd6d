package dev.shiplane.sandbox;

import java.util.Map;

/** Which identity a function of the template calls AWS as: its environment's credentials. */
interface FunctionCredentials {

    /** {@code environment} as {@code function} sees it, its credentials included. */
    Map<String, String> environment(CloudTemplate.Function function, Map<String, String> environment);

    /** Every function calls as the harness does (the bench and the burst, which measure, not authorize). */
    FunctionCredentials HARNESS = (function, environment) -> environment;
}
