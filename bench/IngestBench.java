import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook ingest against a running Conversa (see bench/ingest.sh, which starts one on PostgreSQL).
 * Plays Meta: signed Cloud API webhooks to the real endpoint, over HTTP.
 *
 * <ol>
 * <li>messages: one message per call, {@code workers} calls in flight, for {@code seconds};
 *     throughput and ack latency p50/p99;</li>
 * <li>mix: the same with 1 message : 3 statuses (sent, delivered, read of an earlier message);</li>
 * <li>end to end: a steady {@code rate} messages/s for {@code seconds}, each timed from the POST
 *     to its event on an administrator's WebSocket (STOMP /user/queue/events); p50/p95/p99.</li>
 * </ol>
 * Run: java bench/IngestBench.java http://localhost:18081 [seconds] [workers] [rate]
 */
public class IngestBench {

    static final HttpClient HTTP = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static long connectionId;
    static String phoneNumberId;
    static String appSecret;
    static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    public static void main(String[] args) throws Exception {
        base = args[0];
        if (args.length > 1 && args[1].equals("prepare")) {
            prepare(Integer.parseInt(args[2]), Integer.parseInt(args[3]), java.nio.file.Path.of(args[4]));
            return;
        }
        if (args.length > 1 && args[1].equals("e2e")) {
            setUp();
            endToEnd(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        setUp();
        System.out.printf("machine: %d cores; connection %d; %d s per phase, %d calls in flight%n",
                Runtime.getRuntime().availableProcessors(), connectionId, seconds, workers);
        closedLoop("warm-up", 5, workers, false);
        closedLoop("messages", seconds, workers, false);
        closedLoop("mix 1 message : 3 statuses", seconds, workers, true);
        endToEnd(seconds, rate);
    }

    /**
     * Links a number and writes signed webhooks for wrk (bench/webhooks.lua), one file per wrk
     * thread so no two threads send the same message: {@code messages-N.txt} (one message per
     * call) and {@code mix-N.txt} (1 message : 3 statuses), lines of "signature TAB body".
     */
    static void prepare(int perThread, int threads, java.nio.file.Path dir) throws Exception {
        setUp();
        java.nio.file.Files.createDirectories(dir);
        for (int t = 1; t <= threads; t++) {
            try (var messages = java.nio.file.Files.newBufferedWriter(dir.resolve("messages-" + t + ".txt"));
                    var mix = java.nio.file.Files.newBufferedWriter(dir.resolve("mix-" + t + ".txt"))) {
                for (int n = 0; n < perThread; n++) {
                    long id = SEQUENCE.incrementAndGet();
                    String customer = "5939" + (10_000_000 + id % 1000);
                    line(messages, message("wamid.BENCH-" + id, customer, "Hola, consulta " + id));
                    line(mix, n % 4 == 0 ? message("wamid.MIX-" + id, customer, "Hola, consulta " + id)
                            : status("wamid.BENCH-OUT-" + (id - n % 4), customer, List.of("sent", "delivered", "read").get(n % 4 - 1)));
                }
            }
        }
        System.out.println(connectionId);
    }

    static void line(java.io.Writer out, String json) throws java.io.IOException {
        out.write(sign(json.getBytes(StandardCharsets.UTF_8)) + "\t" + json + "\n");
    }

    /** Signs in as the bootstrap administrator (changing the first password) and links a number. */
    static void setUp() throws Exception {
        String password = System.getenv().getOrDefault("BENCH_ADMIN_PASSWORD", "bench-password-1");
        send("GET", "/api/public/info", null);
        // after the first run the password is the changed one; try it first (failures count towards the throttle)
        var login = send("POST", "/api/auth/login", "{\"login\":\"admin\",\"password\":\"" + password + "-2\"}");
        if (login.statusCode() != 200) {
            login = send("POST", "/api/auth/login", "{\"login\":\"admin\",\"password\":\"" + password + "\"}");
            if (login.body().contains("\"mustChangePassword\":true")) {
                send("PUT", "/api/account/password",
                        "{\"currentPassword\":\"" + password + "\",\"newPassword\":\"" + password + "-2\"}");
                login = send("POST", "/api/auth/login", "{\"login\":\"admin\",\"password\":\"" + password + "-2\"}");
            }
        }
        if (login.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + login.body());
        }
        phoneNumberId = Long.toString(100_000_000_000L + (System.nanoTime() & 0xFFFFFFFL));
        appSecret = "bench-secret-" + phoneNumberId;
        var created = send("POST", "/api/connections", """
                {"name":"Bench %s","displayNumber":"+593 2 000 0000","phoneNumberId":"%s","wabaId":"1%s",
                 "accessToken":"bench-token","appSecret":"%s","verifyToken":"bench-verify",
                 "graphBaseUrl":"%s/sandbox/graph","graphVersion":"v24.0"}""".formatted(phoneNumberId, phoneNumberId,
                phoneNumberId, appSecret, base));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create the connection: " + created.body());
        }
        var matcher = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(created.body());
        matcher.find();
        connectionId = Long.parseLong(matcher.group(1));
    }

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        String xsrf = cookie("XSRF-TOKEN");
        if (xsrf != null) {
            request.header("X-XSRF-TOKEN", xsrf);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookie(String name) {
        var jar = (CookieManager) HTTP.cookieHandler().orElseThrow();
        return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    static String message(String wamid, String customer, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"59320000000","phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Cliente %s"},"wa_id":"%s"}],\
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(phoneNumberId, customer, customer, customer, wamid, System.currentTimeMillis() / 1000, text);
    }

    static String status(String wamid, String customer, String status) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"59320000000","phone_number_id":"%s"},\
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"}]}}]}]}"""
                .formatted(phoneNumberId, wamid, status, System.currentTimeMillis() / 1000, customer);
    }

    /** Posts one signed webhook; returns the ack latency in microseconds, or -1 for a non-200. */
    static long post(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(base + "/webhooks/cloudapi/" + connectionId))
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=" + sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? (System.nanoTime() - start) / 1000 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static String sign(byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void closedLoop(String name, int seconds, int workers, boolean mix) throws Exception {
        var latencies = Collections.synchronizedList(new ArrayList<Long>());
        var failures = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long began = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                pool.execute(() -> {
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        long id = SEQUENCE.incrementAndGet();
                        String customer = "5939" + (10_000_000 + id % 1000);
                        String json = mix && n % 4 != 0
                                ? status("wamid.BENCH-OUT-" + (id - n % 4), customer, List.of("sent", "delivered", "read").get(n % 4 - 1))
                                : message("wamid.BENCH-" + id, customer, "Hola, consulta " + id);
                        long micros = post(json);
                        if (micros < 0) {
                            failures.incrementAndGet();
                        } else {
                            latencies.add(micros);
                        }
                        n++;
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        report(name, latencies, failures.get(), elapsed, "ack");
    }

    static void report(String name, List<Long> micros, int failures, double elapsed, String what) {
        var sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.printf("%-28s no successful call, %d failures%n", name, failures);
            return;
        }
        System.out.printf("%-28s %7.0f calls/s  %s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (%d ok, %d failed)%n", name,
                sorted.size() / elapsed, what, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.size(), failures);
    }

    static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }

    /** A steady rate of messages, each timed until its event arrives on the administrator's socket. */
    static void endToEnd(int seconds, int rate) throws Exception {
        var sentAt = new ConcurrentHashMap<String, Long>();
        var latencies = Collections.synchronizedList(new ArrayList<Long>());
        var connected = new CountDownLatch(1);
        var listener = new WebSocket.Listener() {
            final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                frame.append(data);
                int end;
                while ((end = frame.indexOf("\0")) >= 0) {
                    String text = frame.substring(0, end);
                    frame.delete(0, end + 1);
                    if (text.startsWith("CONNECTED")) {
                        connected.countDown();
                    }
                    var matcher = java.util.regex.Pattern.compile("\"type\":\"message.added\".*?E2E-(\\d+)").matcher(text);
                    if (matcher.find()) {
                        Long start = sentAt.remove(matcher.group(1));
                        if (start != null) {
                            latencies.add((System.nanoTime() - start) / 1000);
                        }
                    }
                }
                socket.request(1);
                return null;
            }
        };
        var socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Cookie", "SESSION=" + cookie("SESSION"))
                .buildAsync(URI.create(base.replace("http", "ws") + "/ws"), listener).get(10, TimeUnit.SECONDS);
        socket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\n\n\0", true);
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no STOMP connection");
        }
        socket.sendText("SUBSCRIBE\nid:0\ndestination:/user/queue/events\n\n\0", true);
        Thread.sleep(500);
        long intervalNanos = 1_000_000_000L / rate;
        long began = System.nanoTime();
        int total = seconds * rate;
        var failures = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = began + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
                long id = SEQUENCE.incrementAndGet();
                String customer = "5938" + (10_000_000 + id % 1000);
                pool.execute(() -> {
                    sentAt.put(Long.toString(id), System.nanoTime());
                    if (post(message("wamid.E2E-" + id, customer, "E2E-" + id)) < 0) {
                        failures.incrementAndGet();
                    }
                });
            }
        }
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sentAt.isEmpty() && System.nanoTime() < settle) {
            Thread.sleep(50);
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        report("end to end at " + rate + "/s", latencies, failures.get() + sentAt.size(), elapsed, "webhook->event");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
