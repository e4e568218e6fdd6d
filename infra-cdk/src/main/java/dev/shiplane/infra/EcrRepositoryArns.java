package dev.shiplane.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/** The ARNs of ECR repositories by name, each in the account that holds it: the stack's own unless named otherwise. */
final class EcrRepositoryArns {

    private EcrRepositoryArns() {}

    /**
     * @param registries the account of each repository another account holds ({@code ecrAccount}); a repository not
     *                   in it is the stack's account's ({@code AWS::AccountId})
     */
    static List<String> of(Construct scope, List<String> repositories, Map<String, String> registries) {
        return repositories.stream().map(name -> {
            var arn = ArnComponents.builder().service("ecr").resource("repository").resourceName(name);
            if (registries.containsKey(name)) arn.account(registries.get(name));
            return Stack.of(scope).formatArn(arn.build());
        }).toList();
    }
}
