package app.conversa.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** Which network failures of a send may have reached the provider: over real sockets, as the adapters' clients see them. */
class SendOutcomeUnknownTests {

    /** As the adapters build theirs: a connect timeout shorter than the read timeout. */
    private static RestClient client(Duration readTimeout) {
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(readTimeout);
        return RestClient.builder().requestFactory(requests).build();
    }

    @Test
    void aRefusedConnectionNeverReachedTheProvider() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Throwable failure = catchThrowable(() -> client(Duration.ofSeconds(10)).post().uri("http://127.0.0.1:" + closedPort + "/messages")
                .body("{}").retrieve().toBodilessEntity());

        assertThat(failure).isNotNull();
        assertThat(SendOutcomeUnknown.mayHaveArrived(failure)).isFalse();
    }

    @Test
    void aRequestWrittenToAProviderThatNeverAnswersMayHaveArrived() throws Exception {
        try (var silent = new ServerSocket(0)) { // accepts the connection (backlog), reads and answers nothing
            Throwable failure = catchThrowable(() -> client(Duration.ofMillis(300)).post().uri("http://127.0.0.1:" + silent.getLocalPort() + "/messages")
                    .body("{}").retrieve().toBodilessEntity());

            assertThat(failure).isNotNull();
            assertThat(SendOutcomeUnknown.mayHaveArrived(failure)).isTrue();
        }
    }
}
