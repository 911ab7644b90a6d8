import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chat inbox of a large tenant, against a running Conversa (see bench/inbox.sh, which starts
 * one on PostgreSQL and generates the data with bench/inbox-data.sql).
 *
 * <ul>
 * <li>{@code prepare BASE CONNECTIONS CUSTOMERS MESSAGES}: signs in as the bootstrap administrator,
 *     links CONNECTIONS sandbox numbers and posts signed webhooks (CUSTOMERS customers per number,
 *     MESSAGES each), waits until they are chats, then writes in each chat once through the API
 *     (a private note: the sandbox's fake Graph API serves only its own demo number, so a real
 *     send from these numbers would fail). The rows these leave behind are real: their sealed
 *     bodies are what the generator copies. Prints the connection ids, one per line.</li>
 * <li>{@code measure BASE SAMPLES AGENT SUPERVISOR BIG_CHAT [LABEL [NEW_AGENT]]}: sequential
 *     requests from one client per user (an agent, a supervisor, the administrator, and an agent
 *     who holds no chat yet), the cases taken round-robin, SAMPLES of each; prints a line per case
 *     (p50/p95/p99 in ms, target, rows per response, failures), tab-separated.</li>
 * <li>{@code summary FILE...}: the medians across runs of the measure outputs, as a Markdown table.</li>
 * </ul>
 * Times are taken at the client over loopback: the server's time plus loopback HTTP (and the
 * client's own JSON reading, which is a regex).
 */
public class InboxBench {

    static final String ADMIN_PASSWORD = System.getenv().getOrDefault("BENCH_ADMIN_PASSWORD", "bench-password-1");
    static final String USER_PASSWORD = System.getenv().getOrDefault("BENCH_USER_PASSWORD", "bench-password-1");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "measure" -> measure(args[1], Integer.parseInt(args[2]), args[3], args[4], Long.parseLong(args[5]),
                    args.length > 6 ? args[6] : "run", args.length > 7 ? args[7] : null);
            case "summary" -> summary(List.of(args).subList(1, args.length));
            default -> throw new IllegalArgumentException("prepare | measure | summary");
        }
    }

    // ---------------------------------------------------------------- one signed-in user

    record Reply(int status, String body, long micros) {
    }

    static final class Session {
        final String base;
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        Session(String base) {
            this.base = base;
        }

        Reply send(String method, String path, String json) throws Exception {
            return send(method, path, json, "-");
        }

        /** {@code tag} goes out as X-Bench-Case, which the server's access log records beside its own time. */
        Reply send(String method, String path, String json, String tag) throws Exception {
            var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
                    .header("X-Bench-Case", tag).timeout(Duration.ofSeconds(30));
            String xsrf = cookie("XSRF-TOKEN");
            if (xsrf != null) {
                request.header("X-XSRF-TOKEN", xsrf);
            }
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            long start = System.nanoTime();
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), (System.nanoTime() - start) / 1000);
        }

        Reply get(String path) throws Exception {
            return send("GET", path, null);
        }

        String cookie(String name) {
            var jar = (CookieManager) http.cookieHandler().orElseThrow();
            return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        /** Signs in; the administrator's first password is changed to PASSWORD-2 (as IngestBench does). */
        Session signIn(String login, String password, boolean administrator) throws Exception {
            send("GET", "/api/public/info", null);
            Reply reply;
            if (administrator) {
                reply = send("POST", "/api/auth/login", credentials(login, password + "-2"));
                if (reply.status() != 200) {
                    reply = send("POST", "/api/auth/login", credentials(login, password));
                    if (reply.body().contains("\"mustChangePassword\":true")) {
                        send("PUT", "/api/account/password",
                                "{\"currentPassword\":\"" + password + "\",\"newPassword\":\"" + password + "-2\"}");
                        reply = send("POST", "/api/auth/login", credentials(login, password + "-2"));
                    }
                }
            } else {
                reply = send("POST", "/api/auth/login", credentials(login, password));
            }
            if (reply.status() != 200) {
                throw new IllegalStateException("sign-in of " + login + " failed: " + reply.status() + " " + reply.body());
            }
            return this;
        }

        static String credentials(String login, String password) {
            return "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}";
        }
    }

    // ---------------------------------------------------------------- real rows to copy from

    static final List<String> INBOUND = List.of("Hola, buenas tardes", "¿Tienen disponibilidad para mañana en la mañana?",
            "Quisiera saber el estado de mi pedido, por favor", "Muchas gracias, muy amable",
            "¿Cuál es el horario de atención del sábado?", "Necesito ayuda con mi factura de este mes",
            "Ok, perfecto 👍", "¿Aceptan pagos con tarjeta de crédito o solo transferencia?",
            "Buenos días, ya realicé el pago, le envío el comprobante", "¿Me pueden llamar? Es urgente");
    static final List<String> OUTBOUND = List.of("Hola, con gusto le ayudo. ¿Me indica su número de cédula?",
            "Permítame un momento por favor, estoy revisando", "Su pedido está en camino, llega mañana antes de las 12h00",
            "Listo, quedó registrado. ¿Le puedo ayudar en algo más?");

    static void prepare(String base, int connections, int customers, int messages) throws Exception {
        var admin = new Session(base).signIn("admin", ADMIN_PASSWORD, true);
        var ids = new ArrayList<Long>();
        int posted = 0;
        for (int n = 0; n < connections; n++) {
            String phoneNumberId = Long.toString(100_000_000_000L + (System.nanoTime() & 0xFFFFFFFL));
            String appSecret = "bench-secret-" + phoneNumberId;
            var created = admin.send("POST", "/api/connections", """
                    {"name":"Línea %d","displayNumber":"+593 2 000 00%02d","phoneNumberId":"%s","wabaId":"1%s",
                     "accessToken":"bench-token","appSecret":"%s","verifyToken":"bench-verify",
                     "graphBaseUrl":"%s/sandbox/graph","graphVersion":"v24.0"}""".formatted(n + 1, n, phoneNumberId,
                    phoneNumberId, appSecret, base));
            if (created.status() != 201) {
                throw new IllegalStateException("could not create the connection: " + created.body());
            }
            long id = Long.parseLong(first("\"id\":(\\d+)", created.body()));
            ids.add(id);
            for (int c = 0; c < customers; c++) {
                String customer = "5938" + (10_000_000 + n * 1000 + c);
                String name = List.of("Ana Belén Pérez", "Jorge Ñauta", "Lucía Jiménez Ortega", "Óscar Muñoz").get(c % 4);
                for (int m = 0; m < messages; m++) {
                    String text = INBOUND.get((n * customers * messages + c * messages + m) % INBOUND.size());
                    String json = """
                            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                            "messaging_product":"whatsapp","metadata":{"display_phone_number":"59320000000","phone_number_id":"%s"},\
                            "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],\
                            "messages":[{"from":"%s","id":"wamid.INBOX-%d-%d-%d","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                            .formatted(phoneNumberId, name, customer, customer, id, c, m, System.currentTimeMillis() / 1000, text);
                    byte[] body = json.getBytes(StandardCharsets.UTF_8);
                    var mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    var response = admin.http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/cloudapi/" + id))
                            .header("Content-Type", "application/json")
                            .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("webhook refused: " + response.statusCode());
                    }
                    posted++;
                }
            }
        }
        // every customer becomes a chat once the webhooks are processed; write in each one once
        int expected = connections * customers;
        List<Long> chats = List.of();
        for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < deadline; ) {
            chats = all("\"id\":(\\d+),\"connectionId\"", admin.get("/api/chats?size=100").body()).stream()
                    .map(Long::parseLong).toList();
            if (chats.size() >= expected) {
                break;
            }
            Thread.sleep(200);
        }
        if (chats.size() < expected) {
            throw new IllegalStateException("only " + chats.size() + " of " + expected + " chats after 60 s");
        }
        for (int i = 0; i < chats.size(); i++) {
            var sent = admin.send("POST", "/api/chats/" + chats.get(i) + "/messages",
                    "{\"idempotencyKey\":\"bench-reply-" + i + "\",\"text\":\"" + OUTBOUND.get(i % OUTBOUND.size())
                            + "\",\"privateNote\":true}");
            if (sent.status() != 202) {
                throw new IllegalStateException("reply refused: " + sent.status() + " " + sent.body());
            }
        }
        System.err.printf("posted %d webhooks on %d numbers, wrote a note in each of %d chats%n", posted, connections,
                chats.size());
        ids.forEach(System.out::println);
    }

    // ---------------------------------------------------------------- measuring

    /** One kind of request: its target, and the paths it rotates through (distinct parameters). */
    record Case(String name, double targetMs, Session session, List<String> paths, List<Long> micros, int[] failures,
            long[] items) {
        Case(String name, double targetMs, Session session, List<String> paths) {
            this(name, targetMs, session, paths, new ArrayList<>(), new int[1], new long[1]);
        }
    }

    /** Partial, accent-free words in any order, as people type them ("jose nun" finds "José Núñez"). */
    static final List<String> NAME_QUERIES = List.of("jose nun", "maria gonz", "luis rodr", "ana lop", "carlos fern",
            "lucia mart", "jorge sanch", "andrea ramir", "pedro torr", "gabriela vasq", "nunez maria", "diego jim");
    /** What a search box sends after the first word: common names, each in a few % of the contacts. */
    static final List<String> WORD_QUERIES = List.of("maria", "jose", "lopez", "nunez", "carmen", "perez", "gonzalez",
            "andrea");

    static final int DEEP_PAGE = 18;

    static void measure(String base, int samples, String agentLogin, String supervisorLogin, long bigChat, String label,
            String newAgentLogin) throws Exception {
        var users = new LinkedHashMap<String, Session>();
        users.put("agent", new Session(base).signIn(agentLogin, USER_PASSWORD, false));
        users.put("supervisor", new Session(base).signIn(supervisorLogin, USER_PASSWORD, false));
        users.put("admin", new Session(base).signIn("admin", ADMIN_PASSWORD, true));
        var cases = new ArrayList<Case>();
        for (var entry : users.entrySet()) {
            String who = entry.getKey();
            var session = entry.getValue();
            // the user's own chats, walked to page 18: cursors for pages 2-5 and 18, phones to look
            // for (from the first 8 pages), and a check that message previews are decrypted
            var cursors = new ArrayList<String>();
            var phones = new ArrayList<String>();
            String cursor = null;
            String deep = null;
            for (int page = 1; page < DEEP_PAGE; page++) {
                var reply = session.get("/api/chats?size=25" + (cursor == null ? "" : "&before=" + cursor));
                check(reply, who + " chat list");
                if (page == 1 && INBOUND.stream().noneMatch(text -> reply.body().contains("\"text\":\"" + text))
                        && OUTBOUND.stream().noneMatch(text -> reply.body().contains("\"text\":\"" + text))) {
                    throw new IllegalStateException(who + ": no readable message preview on the first page");
                }
                if (page <= 8) {
                    var pagePhones = all("\"phone\":\"\\+(\\d+)\"", reply.body());
                    for (int i = page % 5; i < pagePhones.size(); i += 5) {
                        phones.add(pagePhones.get(i));
                    }
                }
                cursor = first("\"nextCursor\":\"([^\"]+)\"", reply.body());
                if (cursor == null) {
                    break;
                }
                if (page <= 4) {
                    cursors.add(cursor);
                }
                deep = cursor;
            }
            if (phones.isEmpty() || cursors.isEmpty()) {
                throw new IllegalStateException(who + " sees too few chats: " + phones.size() + " phones");
            }
            cases.add(new Case(who + ": list, first page", 50, session, List.of("/api/chats?size=25")));
            cases.add(new Case(who + ": list, pages 2-5 (cursor)", 50, session,
                    cursors.stream().map(c -> "/api/chats?size=25&before=" + c).toList()));
            cases.add(new Case(who + ": list, page " + DEEP_PAGE + " (cursor)", 50, session,
                    List.of("/api/chats?size=25&before=" + deep)));
            cases.add(new Case(who + ": list, state=NEW", 50, session, List.of("/api/chats?size=25&state=NEW")));
            if (!who.equals("agent")) {
                cases.add(new Case(who + ": list, NEW + UNASSIGNED", 50, session,
                        List.of("/api/chats?size=25&state=NEW&scope=UNASSIGNED")));
            }
            cases.add(new Case(who + ": search name (\"jose nun\"...)", 100, session,
                    NAME_QUERIES.stream().map(q -> "/api/chats?size=25&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).toList()));
            cases.add(new Case(who + ": search name, one word (\"maria\"...)", 100, session,
                    WORD_QUERIES.stream().map(q -> "/api/chats?size=25&q=" + q).toList()));
            // "593987654321": a run of six digits from the middle, and the national form 0987654321
            cases.add(new Case(who + ": search phone, 6 digits", 100, session,
                    phones.stream().map(p -> "/api/chats?size=25&q=" + p.substring(5, 11)).toList()));
            cases.add(new Case(who + ": search phone, 09XXXXXXXX", 100, session,
                    phones.stream().map(p -> "/api/chats?size=25&q=0" + p.substring(3)).toList()));
            cases.add(new Case(who + ": counters", 50, session, List.of("/api/chats/counters")));
            cases.add(new Case(who + ": 10k-message chat, first page", 50, session,
                    List.of("/api/chats/" + bigChat + "/messages?size=50")));
        }
        // what being signed in costs: the session and the user only, against an endpoint that reads neither
        cases.add(new Case("agent: /api/auth/me (session and user only)", 10, users.get("agent"), List.of("/api/auth/me")));
        cases.add(new Case("anonymous: /api/public/info (no session)", 10, new Session(base), List.of("/api/public/info")));
        if (newAgentLogin != null) { // holds no chat: the list has nothing to show, whatever it scans
            var session = new Session(base).signIn(newAgentLogin, USER_PASSWORD, false);
            cases.add(new Case("new agent, no chats: list, first page", 50, session, List.of("/api/chats?size=25")));
            cases.add(new Case("new agent, no chats: counters", 50, session, List.of("/api/chats/counters")));
        }
        var accessLog = accessLog();
        long logStart = accessLog == null ? 0 : Files.size(accessLog);
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < samples; i++) {
            for (int k = 0; k < cases.size(); k++) {
                var c = cases.get(k);
                var reply = c.session().send("GET", c.paths().get(i % c.paths().size()), null, run + "." + k);
                if (reply.status() != 200) {
                    c.failures()[0]++;
                } else {
                    c.micros().add(reply.micros());
                    boolean messages = c.paths().getFirst().contains("/messages");
                    // one object per response: the counters, the signed-in user, the public info
                    boolean single = c.paths().getFirst().endsWith("/counters") || !c.paths().getFirst().startsWith("/api/chats");
                    c.items()[0] += single ? 1 : count(messages ? "\"direction\"" : "\"contact\":\\{", reply.body());
                }
            }
        }
        // the server's own time per request (Tomcat's access log: request received to response written)
        var serverMicros = new ArrayList<List<Long>>();
        cases.forEach(c -> serverMicros.add(new ArrayList<>()));
        if (accessLog != null) {
            Thread.sleep(200);
            try (var in = Files.newBufferedReader(accessLog)) {
                in.skip(logStart);
                for (String line; (line = in.readLine()) != null; ) {
                    var f = line.split("\\|");
                    if (f.length == 2 && f[0].startsWith(run + ".")) {
                        serverMicros.get(Integer.parseInt(f[0].substring(run.length() + 1))).add(Long.parseLong(f[1].trim()));
                    }
                }
            }
        }
        System.out.println("# " + label + ": " + samples + " sequential samples per case, cases round-robin; ms at the client over loopback"
                + (accessLog == null ? "" : ", and the server's own time from its access log"));
        System.out.println("# case\tp50\tp95\tp99\ttarget_p95\trows_per_response\tfailures\tserver_p50\tserver_p95");
        for (int k = 0; k < cases.size(); k++) {
            var c = cases.get(k);
            var sorted = new ArrayList<>(c.micros());
            Collections.sort(sorted);
            var server = serverMicros.get(k);
            Collections.sort(server);
            System.out.printf(java.util.Locale.ROOT, "%s\t%.1f\t%.1f\t%.1f\t%.0f\t%.1f\t%d\t%.1f\t%.1f%n", c.name(), pct(sorted, 50),
                    pct(sorted, 95), pct(sorted, 99), c.targetMs(), sorted.isEmpty() ? 0.0 : (double) c.items()[0] / sorted.size(),
                    c.failures()[0], pct(server, 50), pct(server, 95));
        }
    }

    /** The app's access log, when BENCH_ACCESS_LOG names it (bench/inbox.sh does): one "case|microseconds" line per request. */
    static Path accessLog() {
        String name = System.getenv("BENCH_ACCESS_LOG");
        return name == null || name.isBlank() ? null : Path.of(name);
    }

    static void check(Reply reply, String what) {
        if (reply.status() != 200) {
            throw new IllegalStateException(what + ": " + reply.status() + " " + reply.body());
        }
    }

    static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }

    // ---------------------------------------------------------------- medians across runs

    static void summary(List<String> files) throws Exception {
        var p50 = new LinkedHashMap<String, List<Double>>();
        var p95 = new LinkedHashMap<String, List<Double>>();
        var serverP50 = new LinkedHashMap<String, List<Double>>();
        var serverP95 = new LinkedHashMap<String, List<Double>>();
        var targets = new LinkedHashMap<String, String>();
        var rows = new LinkedHashMap<String, String>();
        for (String file : files) {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                var f = line.split("\t");
                p50.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[1]));
                p95.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[2]));
                targets.put(f[0], f[4]);
                rows.put(f[0], f[5]);
                if (f.length > 8 && !f[7].equals("NaN")) {
                    serverP50.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[7]));
                    serverP95.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[8]));
                }
            }
        }
        System.out.println("| case | p50 / p95 per run (ms) | median p50 | median p95 | target p95 | rows | server p50 / p95 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : p50.keySet()) {
            var perRun = new StringBuilder();
            for (int i = 0; i < p50.get(name).size(); i++) {
                perRun.append(i == 0 ? "" : ", ").append(fmt(p50.get(name).get(i))).append(" / ").append(fmt(p95.get(name).get(i)));
            }
            double m95 = median(p95.get(name));
            double target = Double.parseDouble(targets.get(name));
            String server = serverP50.containsKey(name)
                    ? fmt(median(serverP50.get(name))) + " / " + fmt(median(serverP95.get(name))) : "-";
            System.out.printf("| %s | %s | %s | **%s** | ≤ %s%s | %s | %s |%n", name, perRun, fmt(median(p50.get(name))), fmt(m95),
                    targets.get(name), m95 <= target ? "" : " ✗", rows.get(name), server);
        }
    }

    static double median(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String fmt(double ms) {
        return ms >= 10 ? String.format(java.util.Locale.ROOT, "%.0f", ms) : String.format(java.util.Locale.ROOT, "%.1f", ms);
    }

    // ---------------------------------------------------------------- minimal JSON reading

    static String first(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    static List<String> all(String regex, String text) {
        var found = new ArrayList<String>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    static int count(String regex, String text) {
        int n = 0;
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
