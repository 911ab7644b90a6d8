package app.conversa.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flyway migration 21.2, run once with the migrating (owner) role after V21__audit_chain.sql:
 * takes the old and new values out of the existing {@code client.sensitive_changed} entries
 * (keeping which fields changed: issue 12, item 10), then chains every existing entry in id order
 * and makes the chain columns required. On PostgreSQL the append-only trigger is set aside for the
 * length of this migration only.
 */
@Component
class AuditChainMigration implements JavaMigration {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("21.2");
    }

    @Override
    public String getDescription() {
        return "audit chain";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        boolean postgresql = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        if (postgresql) {
            execute(connection, "alter table audit_log disable trigger audit_log_append_only");
        }
        removeSensitiveValues(connection);
        var head = chain(connection);
        try (var insert = connection.prepareStatement("insert into audit_chain (id, last_seq, last_hash) values (1, ?, ?)")) {
            insert.setLong(1, head.seq());
            insert.setString(2, head.hash());
            insert.executeUpdate();
        }
        for (String column : new String[] {"chain_seq", "prev_hash", "entry_hash"}) {
            execute(connection, "alter table audit_log alter column " + column + " set not null");
        }
        if (postgresql) {
            execute(connection, "alter table audit_log enable trigger audit_log_append_only");
        }
    }

    private void removeSensitiveValues(Connection connection) throws SQLException {
        var scrubbed = new LinkedHashMap<Long, String>();
        try (var select = connection.prepareStatement(
                "select id, details from audit_log where action = 'client.sensitive_changed'");
                var rows = select.executeQuery()) {
            while (rows.next()) {
                Map<String, Object> details = json.readValue(rows.getString(2), MAP);
                var fields = new ArrayList<String>();
                var kept = new LinkedHashMap<String, Object>();
                details.forEach((key, value) -> {
                    if (key.equals("source") || key.equals("fields")) {
                        kept.put(key, value);
                    } else {
                        fields.add(key);
                    }
                });
                if (!fields.isEmpty()) {
                    kept.put("fields", fields);
                    scrubbed.put(rows.getLong(1), json.writeValueAsString(kept));
                }
            }
        }
        try (var update = connection.prepareStatement("update audit_log set details = ? where id = ?")) {
            for (var entry : scrubbed.entrySet()) {
                update.setString(1, entry.getValue());
                update.setLong(2, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static AuditChain.Head chain(Connection connection) throws SQLException {
        var head = new AuditChain.Head(0, AuditChain.GENESIS);
        try (var select = connection.prepareStatement("""
                select id, occurred_at, actor_id, actor_login, address, action, target_type, target_id, details
                from audit_log order by id""");
                var update = connection.prepareStatement(
                        "update audit_log set chain_seq = ?, prev_hash = ?, entry_hash = ? where id = ?");
                var rows = select.executeQuery()) {
            int batched = 0;
            while (rows.next()) {
                var link = new AuditChain.Link(head.seq() + 1, head.hash(),
                        rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getObject(3, Long.class), rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9));
                head = new AuditChain.Head(link.seq(), link.hash());
                update.setLong(1, link.seq());
                update.setString(2, link.prevHash());
                update.setString(3, head.hash());
                update.setLong(4, rows.getLong(1));
                update.addBatch();
                if (++batched % 1000 == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
        return head;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
