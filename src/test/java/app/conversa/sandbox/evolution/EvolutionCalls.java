package app.conversa.sandbox.evolution;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the fake gateway as the app's adapter calls it: JSON, and the {@code apikey} header. */
final class EvolutionCalls {

    static final String GLOBAL_KEY = "sandbox-evolution-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Answer(int status, JsonNode json) {
    }

    private final String base;
    private final String apikey;

    EvolutionCalls(int port, String apikey) {
        this.base = "http://127.0.0.1:" + port + "/sandbox/evolution";
        this.apikey = apikey;
    }

    EvolutionCalls withKey(String key) {
        return new EvolutionCalls(Integer.parseInt(base.replaceAll(".*:(\\d+)/.*", "$1")), key);
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, Object body) {
        return send("POST", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer send(String method, String path, Object body) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        if (apikey != null) {
            request.header("apikey", apikey);
        }
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        try {
            var response = HTTP.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
