package dev.shiplane.notify;

import dev.shiplane.core.fakes.ChatWebhookContract;
import dev.shiplane.core.notify.ChatWebhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The chat webhook contract against the Slack adapter and a local server playing Slack's incoming webhook. */
class SlackIncomingWebhookTest extends ChatWebhookContract {

    private SlackStandIn slack;

    @BeforeEach
    void start() throws IOException {
        slack = new SlackStandIn();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Override
    protected ChatWebhook webhook() {
        return new SlackIncomingWebhook(slack::url, () -> { });
    }

    @Override
    protected ChatWebhook unconfiguredWebhook() {
        // what the secret holds until someone puts Slack's URL in it: a generated placeholder
        return new SlackIncomingWebhook(() -> "placeholder-7f3a9c", () -> { });
    }

    @Override
    protected ChatWebhook unreachableWebhook() {
        try (var socket = new ServerSocket(0)) {
            var url = "http://127.0.0.1:" + socket.getLocalPort() + "/services/T000/B000/XXXX";
            return new SlackIncomingWebhook(() -> url, () -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void givenAnswer(int status, String body, String retryAfter) {
        slack.answerNext(status, body, retryAfter);
    }

    @Override
    protected int postsReceived() {
        return slack.requests().size();
    }
}
