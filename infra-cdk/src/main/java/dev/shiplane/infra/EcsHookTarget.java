package dev.shiplane.infra;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Where ECS sends a native service's lifecycle hooks: the hooks function's {@value #ALIAS} alias, invoked through
 * the role ECS assumes for it. Both live in the delivery stack under fixed names, so a ServiceInfra stack points at
 * them by ARN: a cross-stack reference would make the platform depend on the delivery stack, which already depends
 * on the platforms whose checks run in their VPC.
 */
final class EcsHookTarget {

    /** Lambda names are regional: one hooks function per account and region, like the delivery stack. */
    static final String FUNCTION_NAME = "shiplane-hooks";
    static final String ALIAS = SnapStartJavaFunction.ALIAS_NAME;
    /** IAM names are global to the account: the region in the name lets one account run a delivery stack per region. */
    static final String ROLE_NAME_PREFIX = "shiplane-hooks-invoke-";

    private EcsHookTarget() {}

    /** The role's name in the stack's region (a token, hence {@code Fn::Join}, in the environment-agnostic stack). */
    static String roleName(IConstruct scope) {
        return ROLE_NAME_PREFIX + Stack.of(scope).getRegion();
    }

    /** The ARN of the {@value #ALIAS} alias of {@value #FUNCTION_NAME} in the stack's account and region. */
    static String aliasArn(IConstruct scope) {
        return Stack.of(scope).formatArn(ArnComponents.builder()
                .service("lambda").resource("function").resourceName(FUNCTION_NAME + ":" + ALIAS)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    /** The ARN of the role ECS assumes to invoke the alias, in the stack's account. */
    static String roleArn(IConstruct scope) {
        return Stack.of(scope).formatArn(ArnComponents.builder()
                .service("iam").region("").resource("role").resourceName(roleName(scope))
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
    }
}
