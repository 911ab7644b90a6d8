package app.conversa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table belongs to one module, and only that module's code names it in SQL; other modules
 * ask the owner through its public API (ModularityTests checks the Java side of the same rule).
 */
class TableOwnershipTests {

    /** Owner of each table; a new table must be given one here. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("users", "identity"), Map.entry("user_departments", "identity"), Map.entry("departments", "identity"),
            Map.entry("role_permissions", "identity"), Map.entry("api_tokens", "identity"),
            Map.entry("login_failures", "identity"), Map.entry("spring_session", "identity"),
            Map.entry("spring_session_attributes", "identity"),
            Map.entry("audit_log", "audit"), Map.entry("audit_chain", "audit"), Map.entry("critical_events", "audit"),
            Map.entry("connections", "channels"), Map.entry("connection_agents", "channels"),
            Map.entry("connection_links", "channels"), Map.entry("connection_link_history", "channels"),
            Map.entry("evolution_gateway", "channels"), Map.entry("inbound_webhooks", "channels"),
            Map.entry("inbound_quarantine", "channels"),
            Map.entry("contacts", "contacts"), Map.entry("contact_whatsapp_identities", "contacts"),
            Map.entry("clients", "contacts"), Map.entry("client_attributes", "contacts"),
            Map.entry("chats", "conversations"), Map.entry("chat_participants", "conversations"),
            Map.entry("messages", "conversations"), Map.entry("media", "conversations"),
            Map.entry("message_status_reports", "conversations"),
            // Spring Modulith's event publication registry: only the framework names it
            Map.entry("event_publication", "shared"));

    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    static final Path CODE = Path.of("src/main/java/app/conversa");

    @Test
    void everyTableHasAnOwner() throws IOException {
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(tables());
    }

    @Test
    void onlyATablesModuleNamesItInSql() throws IOException {
        var violations = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(CODE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = CODE.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String module = relative.getName(0).toString();
                String code = Files.readString(file);
                OWNERS.forEach((table, owner) -> {
                    if (!owner.equals(module) && Pattern.compile("(?i)\\b(from|join|update|into|table)\\s+" + table + "\\b")
                            .matcher(code).find()) {
                        violations.add(module + "/" + relative.getFileName() + " names " + owner + "'s table " + table);
                    }
                });
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckSeesATableNamedInSql() {
        var sql = Pattern.compile("(?i)\\b(from|join|update|into|table)\\s+departments\\b");
        assertThat(sql.matcher("select id from departments order by id").find()).isTrue();
        assertThat(sql.matcher("exists (select 1 from departments d)").find()).isTrue();
        assertThat(sql.matcher("the departments of the user").find()).isFalse();
    }

    /** The tables the migrations leave: created, less those renamed away, plus their new names. */
    static List<String> tables() throws IOException {
        var tables = new TreeSet<String>();
        var create = Pattern.compile("(?i)create table (?:if not exists )?(\\w+)");
        var rename = Pattern.compile("(?i)alter table (\\w+) rename to (\\w+)");
        var drop = Pattern.compile("(?i)drop table (?:if exists )?(\\w+)");
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            // V1, V2, V2_1 ... V10 in Flyway's order
            var ordered = files.filter(f -> f.toString().endsWith(".sql"))
                    .sorted(java.util.Comparator.comparing(TableOwnershipTests::version)).toList();
            for (Path file : ordered) {
                String sql = Files.readString(file);
                create.matcher(sql).results().forEach(m -> tables.add(m.group(1).toLowerCase()));
                rename.matcher(sql).results().forEach(m -> {
                    tables.remove(m.group(1).toLowerCase());
                    tables.add(m.group(2).toLowerCase());
                });
                drop.matcher(sql).results().forEach(m -> tables.remove(m.group(1).toLowerCase()));
            }
        }
        return List.copyOf(tables);
    }

    private static java.math.BigDecimal version(Path file) {
        String name = file.getFileName().toString();
        return new java.math.BigDecimal(name.substring(1, name.indexOf("__")).replace('_', '.'));
    }
}
