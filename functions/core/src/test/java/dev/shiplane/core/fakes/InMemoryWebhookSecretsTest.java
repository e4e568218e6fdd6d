package dev.shiplane.core.fakes;

import dev.shiplane.core.webhook.WebhookSecrets;

class InMemoryWebhookSecretsTest extends WebhookSecretsContract {

    private final InMemoryWebhookSecrets secrets = new InMemoryWebhookSecrets();

    @Override
    protected WebhookSecrets secrets() {
        return secrets;
    }

    @Override
    protected void rotateTo(String value) {
        secrets.rotateTo(value);
    }
}
