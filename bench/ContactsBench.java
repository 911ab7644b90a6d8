import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Contacts and clients at a million contacts, and the CSV import, against a running Conversa (see
 * bench/contacts.sh, which starts one on PostgreSQL and generates the data with
 * bench/contacts-data.sql). JDK only.
 *
 * <ul>
 * <li>{@code prepare BASE CONNECTIONS}: signs in as the bootstrap administrator (changing the first
 *     password, as InboxBench does) and links CONNECTIONS sandbox numbers (the chats' numbers).</li>
 * <li>{@code clients N KEY}: the sealed part of clients 1..N as COPY text on standard output (n,
 *     document_hash, sensitive), made exactly as ClientAdministration makes them with the run's
 *     key (base64): document id "17" + 8 digits (a bijection of n), its blind index
 *     (HMAC-SHA256, context clients.document) and the sealed JSON of document id, balance (4 in 5
 *     clients), currency and days overdue (AES-256-GCM, context clients.sensitive).</li>
 * <li>{@code fold}: reads "display_name TAB search_name" lines and counts those whose search_name
 *     is not ContactSearch.foldName(display_name) (a copy of it).</li>
 * <li>{@code measure BASE SAMPLES SUPERVISOR LABEL ADMIN_CLIENTS SUPERVISOR_CLIENTS}: sequential
 *     requests, one client per user (the administrator, SUPERVISOR), the cases round-robin, SAMPLES
 *     of each, but a case stops once its requests took BENCH_CASE_SECONDS (default 5) and it has
 *     BENCH_MIN_SAMPLES (default 5), so that a slow case cannot eat the run; a line per case (p50, p95, p99
 *     in ms, target, rows per response, failures, samples), tab-separated. The document ids looked
 *     for are those of the generated clients whose ids are given (comma-separated; the script picks
 *     clients each user may see).</li>
 * <li>{@code import BASE FILE DRY_RUN LABEL}: posts FILE once to /api/contacts/import (multipart,
 *     field "file") as the administrator; prints label, data rows, seconds, rows/s and the report's
 *     counts, tab-separated (and the first reported errors on standard error).</li>
 * <li>{@code summary FILE...}: the medians across runs of the measure outputs, as a Markdown table.</li>
 * </ul>
 * Times are taken at the client over loopback: the server's time plus loopback HTTP.
 */
public class ContactsBench {

    static final String ADMIN_PASSWORD = System.getenv().getOrDefault("BENCH_ADMIN_PASSWORD", "bench-password-1");
    static final String USER_PASSWORD = System.getenv().getOrDefault("BENCH_USER_PASSWORD", "bench-password-1");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare" -> prepare(args[1], Integer.parseInt(args[2]));
            case "clients" -> clients(Integer.parseInt(args[1]), args[2]);
            case "fold" -> fold();
            case "measure" -> measure(args[1], Integer.parseInt(args[2]), args[3], args[4], ids(args[5]), ids(args[6]));
            case "import" -> importFile(args[1], Path.of(args[2]), Boolean.parseBoolean(args[3]), args[4]);
            case "summary" -> summary(List.of(args).subList(1, args.length));
            default -> throw new IllegalArgumentException("prepare | clients | fold | measure | import | summary");
        }
    }

    static List<Long> ids(String commaSeparated) {
        return List.of(commaSeparated.split(",")).stream().map(String::strip).map(Long::parseLong).toList();
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

        Reply send(String method, String path, String contentType, byte[] body, Duration timeout) throws Exception {
            var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").timeout(timeout);
            String xsrf = cookie("XSRF-TOKEN");
            if (xsrf != null) {
                request.header("X-XSRF-TOKEN", xsrf);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            long start = System.nanoTime();
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), (System.nanoTime() - start) / 1000);
        }

        Reply send(String method, String path, String json) throws Exception {
            return send(method, path, json == null ? null : "application/json",
                    json == null ? null : json.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        }

        Reply get(String path) throws Exception {
            return send("GET", path, null);
        }

        String cookie(String name) {
            var jar = (CookieManager) http.cookieHandler().orElseThrow();
            return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        /** Signs in; the administrator's first password is changed to PASSWORD-2 (as InboxBench does). */
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

    // ---------------------------------------------------------------- data

    static void prepare(String base, int connections) throws Exception {
        var admin = new Session(base).signIn("admin", ADMIN_PASSWORD, true);
        for (int n = 0; n < connections; n++) {
            String phoneNumberId = Long.toString(200_000_000_000L + n * 1000L + (System.nanoTime() & 0x3FFL));
            var created = admin.send("POST", "/api/connections", """
                    {"name":"Línea %d","displayNumber":"+593 2 000 00%02d","phoneNumberId":"%s","wabaId":"1%s",
                     "accessToken":"bench-token","appSecret":"bench-secret-%s","verifyToken":"bench-verify",
                     "graphBaseUrl":"%s/sandbox/graph","graphVersion":"v24.0"}""".formatted(n + 1, n, phoneNumberId,
                    phoneNumberId, phoneNumberId, base));
            if (created.status() != 201) {
                throw new IllegalStateException("could not create the connection: " + created.body());
            }
            System.out.println(first("\"id\":(\\d+)", created.body()));
        }
    }

    /** Document id of generated client n: "17" and 8 digits, distinct for n up to 10^8. */
    static String documentId(long n) {
        return "17" + String.format(Locale.ROOT, "%08d", (n * 2654435761L) % 100_000_000L);
    }

    static void clients(int count, String keyBase64) throws Exception {
        byte[] key = Base64.getDecoder().decode(keyBase64.strip());
        var aes = new SecretKeySpec(key, "AES");
        // as SecretBox: the blind-index key is HMAC-SHA256(key, "conversa/blind-index/v1")
        var blindKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"),
                "conversa/blind-index/v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        var random = new SecureRandom();
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        var out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 20), false, StandardCharsets.US_ASCII);
        var hex = HexFormat.of();
        for (long n = 1; n <= count; n++) {
            String document = documentId(n);
            String hash = hex.formatHex(hmac(blindKey, ("clients.document\0" + document).getBytes(StandardCharsets.UTF_8)));
            String json;
            if (n % 5 != 0) {
                long cents = (n * 7919L) % 500_000L;
                json = String.format(Locale.ROOT, "{\"documentId\":\"%s\",\"balance\":%d.%02d,\"currency\":\"USD\",\"daysOverdue\":%d}",
                        document, cents / 100, cents % 100, (n * 31) % 181);
            } else {
                json = "{\"documentId\":\"" + document + "\",\"balance\":null,\"currency\":null,\"daysOverdue\":null}";
            }
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            cipher.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, nonce));
            cipher.updateAAD("clients.sensitive".getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
            byte[] value = ByteBuffer.allocate(2 + 12 + sealed.length).put((byte) 1).put((byte) 0).put(nonce).put(sealed).array();
            out.print(n);
            out.print('\t');
            out.print(hash);
            out.print("\t\\\\x");
            out.print(hex.formatHex(value));
            out.print('\n');
        }
        out.flush();
    }

    static byte[] hmac(SecretKeySpec key, byte[] data) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac.doFinal(data);
    }

    /** A copy of ContactSearch.foldName. */
    static String foldName(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String folded = decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return folded.length() <= 200 ? folded : folded.substring(0, 200);
    }

    static void fold() throws Exception {
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long lines = 0;
        long wrong = 0;
        for (String line; (line = in.readLine()) != null; ) {
            var f = line.split("\t", -1);
            lines++;
            if (!foldName(f[0]).equals(f[1])) {
                if (wrong++ < 5) {
                    System.err.println("not folded as the app does: " + line);
                }
            }
        }
        System.out.println(lines + " names checked against ContactSearch.foldName, " + wrong + " differ");
        if (wrong > 0) {
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------- measuring

    /** One kind of request: its target, and the paths it rotates through (distinct parameters). */
    record Case(String name, double targetMs, Session session, List<String> paths, String rowPattern, List<Long> micros,
            int[] failures, long[] items, long[] spent) {
        Case(String name, double targetMs, Session session, List<String> paths, String rowPattern) {
            this(name, targetMs, session, paths, rowPattern, new ArrayList<>(), new int[1], new long[1], new long[1]);
        }
    }

    static final long CASE_MICROS = (long) (Double.parseDouble(System.getenv().getOrDefault("BENCH_CASE_SECONDS", "5")) * 1e6);
    static final int MIN_SAMPLES = Integer.parseInt(System.getenv().getOrDefault("BENCH_MIN_SAMPLES", "5"));

    /** Partial, accent-free words in any order, as people type them ("jose nun" finds "José Núñez"). */
    static final List<String> NAME_QUERIES = List.of("jose nun", "maria gonz", "luis rodr", "ana lop", "carlos fern",
            "lucia mart", "jorge sanch", "andrea ramir", "pedro torr", "gabriela vasq", "nunez maria", "diego jim");
    /** The first word typed: common names and surnames, each in about 2 % of the contacts. */
    static final List<String> WORD_QUERIES = List.of("maria", "jose", "lopez", "nunez", "carmen", "perez", "gonzalez",
            "andrea");

    static final String CONTACT_ROW = "\"reviewState\":";
    static final String CLIENT_ROW = "\"daysOverdue\":";

    static void measure(String base, int samples, String supervisorLogin, String label, List<Long> adminClients,
            List<Long> supervisorClients) throws Exception {
        var users = new LinkedHashMap<String, Session>();
        users.put("admin", new Session(base).signIn("admin", ADMIN_PASSWORD, true));
        users.put("supervisor", new Session(base).signIn(supervisorLogin, USER_PASSWORD, false));
        var cases = new ArrayList<Case>();
        for (var entry : users.entrySet()) {
            String who = entry.getKey();
            var session = entry.getValue();
            // phones to look for: every 7th contact of the user's first 4 pages (by name)
            var phones = new LinkedHashSet<String>();
            String cursor = null;
            for (int page = 0; page < 4; page++) {
                var reply = session.get("/api/contacts?size=100" + (cursor == null ? "" : "&after=" + cursor));
                check(reply, who + " contacts");
                var pagePhones = all("\"phone\":\"\\+(\\d+)\"", reply.body());
                for (int i = page; i < pagePhones.size(); i += 7) {
                    phones.add(pagePhones.get(i));
                }
                cursor = first("\"nextCursor\":\"([^\"]+)\"", reply.body());
                if (cursor == null) {
                    break;
                }
            }
            // document ids of clients the user may see (picked by the script)
            var documents = (who.equals("admin") ? adminClients : supervisorClients).stream()
                    .map(ContactsBench::documentId).toList();
            if (phones.size() < 10 || documents.size() < 10) {
                throw new IllegalStateException(who + " sees too little: " + phones.size() + " phones, " + documents.size()
                        + " document ids");
            }
            // the sealed data opens: a document id finds its client, with its balance
            var found = session.get("/api/clients?size=25&q=" + documents.getFirst());
            check(found, who + " document search");
            if (!found.body().contains("\"documentId\":\"" + documents.getFirst() + "\"")) {
                throw new IllegalStateException(who + ": document id " + documents.getFirst() + " not found: " + found.body());
            }
            var phoneList = new ArrayList<>(phones);
            cases.add(new Case(who + ": contacts, first page (no search)", 100, session, List.of("/api/contacts?size=25"),
                    CONTACT_ROW));
            cases.add(new Case(who + ": contacts, name (\"jose nun\"...)", 100, session,
                    NAME_QUERIES.stream().map(q -> "/api/contacts?size=25&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                            .toList(), CONTACT_ROW));
            cases.add(new Case(who + ": contacts, one word (\"maria\"...)", 100, session,
                    WORD_QUERIES.stream().map(q -> "/api/contacts?size=25&q=" + q).toList(), CONTACT_ROW));
            // "593987654321": a run of six digits from the middle, and the national form 0987654321
            cases.add(new Case(who + ": contacts, phone, 6 digits", 100, session,
                    phoneList.stream().map(p -> "/api/contacts?size=25&q=" + p.substring(5, 11)).toList(), CONTACT_ROW));
            cases.add(new Case(who + ": contacts, phone, 09XXXXXXXX", 100, session,
                    phoneList.stream().map(p -> "/api/contacts?size=25&q=0" + p.substring(3)).toList(), CONTACT_ROW));
            cases.add(new Case(who + ": clients, first page (no search)", 100, session, List.of("/api/clients?size=25"),
                    CLIENT_ROW));
            cases.add(new Case(who + ": clients, name (\"jose nun\"...)", 100, session,
                    NAME_QUERIES.stream().map(q -> "/api/clients?size=25&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                            .toList(), CLIENT_ROW));
            cases.add(new Case(who + ": clients, one word (\"maria\"...)", 100, session,
                    WORD_QUERIES.stream().map(q -> "/api/clients?size=25&q=" + q).toList(), CLIENT_ROW));
            cases.add(new Case(who + ": clients, document id (exact)", 100, session,
                    documents.stream().map(d -> "/api/clients?size=25&q=" + d).toList(), CLIENT_ROW));
        }
        for (int i = 0; i < samples; i++) {
            for (var c : cases) {
                if (c.spent()[0] > CASE_MICROS && c.micros().size() + c.failures()[0] >= MIN_SAMPLES) {
                    continue;
                }
                var reply = c.session().send("GET", c.paths().get(i % c.paths().size()), null, null, Duration.ofSeconds(120));
                c.spent()[0] += reply.micros();
                if (reply.status() != 200) {
                    if (c.failures()[0]++ == 0) {
                        System.err.println(c.name() + ": " + reply.status() + " " + reply.body());
                    }
                } else {
                    c.micros().add(reply.micros());
                    c.items()[0] += count(c.rowPattern(), reply.body());
                }
            }
        }
        System.out.println("# " + label + ": " + samples + " sequential samples per case, cases round-robin; ms at the client over loopback");
        System.out.println("# case\tp50\tp95\tp99\ttarget_p95\trows_per_response\tfailures\tsamples");
        for (var c : cases) {
            var sorted = new ArrayList<>(c.micros());
            Collections.sort(sorted);
            System.out.printf(Locale.ROOT, "%s\t%.1f\t%.1f\t%.1f\t%.0f\t%.1f\t%d\t%d%n", c.name(), pct(sorted, 50),
                    pct(sorted, 95), pct(sorted, 99), c.targetMs(), sorted.isEmpty() ? 0.0 : (double) c.items()[0] / sorted.size(),
                    c.failures()[0], sorted.size());
        }
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

    // ---------------------------------------------------------------- import

    static void importFile(String base, Path file, boolean dryRun, String label) throws Exception {
        var admin = new Session(base).signIn("admin", ADMIN_PASSWORD, true);
        byte[] content = Files.readAllBytes(file);
        long rows = 0;
        for (byte b : content) {
            if (b == '\n') {
                rows++;
            }
        }
        rows--; // the header
        String boundary = "----conversa-bench-" + System.nanoTime();
        var body = new ByteArrayOutputStream(content.length + 512);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var reply = admin.send("POST", "/api/contacts/import?dryRun=" + dryRun, "multipart/form-data; boundary=" + boundary,
                body.toByteArray(), Duration.ofMinutes(60));
        if (reply.status() != 200) {
            throw new IllegalStateException(label + ": " + reply.status() + " " + reply.body());
        }
        double seconds = reply.micros() / 1e6;
        long created = Long.parseLong(first("\"created\":(\\d+)", reply.body()));
        long updated = Long.parseLong(first("\"updated\":(\\d+)", reply.body()));
        long unchanged = Long.parseLong(first("\"unchanged\":(\\d+)", reply.body()));
        long failed = Long.parseLong(first("\"failed\":(\\d+)", reply.body()));
        if (failed > 0) {
            var errors = all("(\\{\"line\":\\d+,\"phone\":[^{}]*\"outcome\":\"ERROR\"[^{}]*\\})", reply.body());
            errors.stream().limit(5).forEach(e -> System.err.println("  " + label + " error: " + e));
        }
        System.out.printf(Locale.ROOT, "%s\t%d\t%.1f\t%.0f\t%d\t%d\t%d\t%d\t%.1f%n", label, rows, seconds, rows / seconds, created,
                updated, unchanged, failed, content.length / 1e6);
    }

    // ---------------------------------------------------------------- medians across runs

    static void summary(List<String> files) throws Exception {
        var p50 = new LinkedHashMap<String, List<Double>>();
        var p95 = new LinkedHashMap<String, List<Double>>();
        var targets = new LinkedHashMap<String, String>();
        var rows = new LinkedHashMap<String, String>();
        var counts = new LinkedHashMap<String, List<String>>();
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
                counts.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f.length > 7 ? f[7] : "?");
            }
        }
        System.out.println("| case | p50 / p95 per run (ms) | median p50 | median p95 | target p95 | rows | samples per run |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : p50.keySet()) {
            var perRun = new StringBuilder();
            for (int i = 0; i < p50.get(name).size(); i++) {
                perRun.append(i == 0 ? "" : ", ").append(fmt(p50.get(name).get(i))).append(" / ").append(fmt(p95.get(name).get(i)));
            }
            double m95 = median(p95.get(name));
            double target = Double.parseDouble(targets.get(name));
            System.out.printf("| %s | %s | %s | **%s** | ≤ %s%s | %s | %s |%n", name, perRun, fmt(median(p50.get(name))), fmt(m95),
                    targets.get(name), m95 <= target ? "" : " ✗", rows.get(name), String.join(", ", counts.get(name)));
        }
    }

    static double median(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String fmt(double ms) {
        return ms >= 10 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
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
