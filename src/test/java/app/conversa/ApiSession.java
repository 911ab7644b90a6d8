package app.conversa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One browser-like client of the real HTTP API: its own cookie jar (session and XSRF-TOKEN), the
 * CSRF header on every change, JSON bodies, and a chosen Accept-Language.
 */
public final class ApiSession {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String language = "en";
    private String csrfOverride;

    private ApiSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public static ApiSession anonymous(int port) {
        return new ApiSession(port);
    }

    public static ApiSession signedIn(int port, String login, String password) {
        var session = new ApiSession(port);
        var response = session.login(login, password);
        assertThat(response.status()).as("login of %s: %s", login, response.body()).isEqualTo(200);
        return session;
    }

    /** Sends this value as the CSRF header instead of the cookie's ("" sends none), to prove CSRF is enforced. */
    public ApiSession withCsrfHeader(String value) {
        this.csrfOverride = value;
        return this;
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** A client that presents only the given session cookie, as someone holding a copied cookie would. */
    public static ApiSession withSessionCookie(int port, String session) {
        var client = new ApiSession(port);
        var cookie = new java.net.HttpCookie("SESSION", session);
        cookie.setPath("/");
        cookie.setVersion(0);
        client.cookies.getCookieStore().add(URI.create(client.base), cookie);
        return client;
    }

    private String bearer;

    /** Another system calling with an API token: no cookies, no CSRF header. */
    public static ApiSession bearer(int port, String token) {
        var client = new ApiSession(port);
        client.bearer = token;
        return client;
    }

    public ApiSession inLanguage(String tag) {
        this.language = tag;
        return this;
    }

    public Response login(String login, String password) {
        return post("/api/auth/login", Map.of("login", login, "password", password));
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response send(String method, String path, Object body) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", language)
                .header("Accept", "application/json, application/problem+json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (!method.equals("GET")) {
            String token = bearer != null ? "" : csrfOverride != null ? csrfOverride : csrfToken();
            if (!token.isEmpty()) {
                request.header("X-XSRF-TOKEN", token);
            }
            request.header("Content-Type", "application/json");
        }
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        try {
            var response = http.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data POST: text fields, and one file under "file". */
    public Response upload(String path, java.util.Map<String, String> fields, String filename, String contentType,
            byte[] content) {
        String boundary = "----conversa" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        var utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(utf8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", language)
                .header("Accept", "application/json, application/problem+json")
                .header("X-XSRF-TOKEN", csrfToken())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The raw bytes of a GET (media downloads). */
    public byte[] bytes(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String csrfToken() {
        if (cookie("XSRF-TOKEN") == null) {
            get("/api/public/info");
        }
        return cookie("XSRF-TOKEN");
    }

    public record Response(int status, String body, HttpHeaders headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The problem code of an error response, or null. */
        public String code() {
            if (body == null || body.isBlank() || !body.startsWith("{")) {
                return null;
            }
            var code = json().get("code");
            return code == null ? null : code.asString();
        }
    }
}
