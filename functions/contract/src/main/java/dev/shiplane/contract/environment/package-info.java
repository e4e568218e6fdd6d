/**
 * The environment contract of the Lambda functions: the names of the variables the CDK app sets on each function and
 * the function reads in its composition root. Both sides compile against these constants, so renaming a variable on
 * one side cannot leave the other reading a name nobody sets.
 *
 * <p>One class per reader: {@link dev.shiplane.contract.environment.CommonEnvironment} (every function),
 * {@link dev.shiplane.contract.environment.DeliveryEnvironment} (the functions that share the delivery adapters),
 * {@link dev.shiplane.contract.environment.WebhookEnvironment}, {@link dev.shiplane.contract.environment.RotationEnvironment}
 * and {@link dev.shiplane.contract.environment.NotifyEnvironment}. Defaults stay with the code that applies them.
 */
package dev.shiplane.contract.environment;
