package app.conversa.sandbox.evolution;

import app.conversa.Eventually;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A stand-in for the app's webhook endpoint: records every POST, answers 200 unless told otherwise. */
final class WebhookReceiver implements AutoCloseable {

    /** One POST as it arrived: path, headers (lower-case names), the JSON body, when (nanoTime). */
    record Received(String path, Map<String, List<String>> headers, JsonNode body, long at) {

        String event() {
            return body.path("event").asString();
        }

        JsonNode data() {
            return body.path("data");
        }

        String header(String name) {
            var values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.getFirst();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> plannedStatuses = new ConcurrentLinkedQueue<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var headers = new java.util.HashMap<String, List<String>>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    List.copyOf(values)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), headers, JSON.readTree(body),
                    System.nanoTime()));
            Integer status = plannedStatuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/evolution";
    }

    /** The next POSTs are answered with these statuses, in order; then 200 again. */
    void answer(Integer... statuses) {
        plannedStatuses.addAll(List.of(statuses));
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    List<Received> events(String event) {
        return received.stream().filter(r -> r.event().equals(event)).toList();
    }

    /** Waits for the first POST of this event whose data passes the test. */
    Received await(String event, Predicate<JsonNode> data) {
        return Eventually.await("a " + event + " webhook", () -> received.stream()
                .filter(r -> r.event().equals(event) && data.test(r.data())).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    Received await(String event) {
        return await(event, data -> true);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
