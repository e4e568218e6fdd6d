package dev.shiplane.sandbox;

import dev.shiplane.sandbox.ecsengine.LambdaHooks;
import java.util.HashMap;
import java.util.Map;

/**
 * Lambda's part when ECS's engine invokes a hook: the function a hook's ARN names (any qualifier: the sandbox hosts
 * one version of each function) runs in this JVM from its package. An ARN naming no hosted function fails as Lambda's
 * ResourceNotFoundException would, and ECS rolls the deployment back.
 */
final class TemplateHooks implements LambdaHooks {

    private final Map<String, FunctionHost> byFunctionName = new HashMap<>();

    void host(String functionName, FunctionHost host) {
        byFunctionName.put(functionName, host);
    }

    @Override
    public String invoke(String functionArn, String payload) {
        var name = functionArn.substring(functionArn.indexOf(":function:") + ":function:".length()).split(":")[0];
        var host = byFunctionName.get(name);
        if (host == null) throw new HookInvocationFailed("ResourceNotFoundException: Function not found: " + functionArn);
        try {
            return host.invoke(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new HookInvocationFailed(name + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
