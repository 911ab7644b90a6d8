package app.conversa.channels.evolution;

import app.conversa.audit.AuditTrail;
import app.conversa.channels.Connection;
import app.conversa.channels.ConnectionRepository;
import app.conversa.channels.ConnectionSecrets;
import app.conversa.channels.InboundEvent;
import app.conversa.channels.InboundHandler;
import app.conversa.channels.Provider;
import app.conversa.channels.SendFailure;
import app.conversa.shared.Actor;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Brings what a linked phone already has into Conversa, on demand and as often as wanted (J4,
 * J5): its contacts (name, number, profile photo) and the last days of its chats. Both go through
 * the same idempotent handlers as webhooks: a contact is its WhatsApp identity per connection, a
 * message its id per connection, so running a sync twice imports nothing twice.
 */
@Service
class EvolutionSync {

    /** Messages asked for per page, and the most one sync imports (a guard against a runaway history). */
    static final int PAGE = 100;
    static final int MAX_MESSAGES = 20_000;

    private final ConnectionRepository connections;
    private final EvolutionGateway gateway;
    private final ConnectionSecrets secrets;
    private final List<InboundHandler> handlers;
    private final AuditTrail audit;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final Clock clock;

    EvolutionSync(ConnectionRepository connections, EvolutionGateway gateway, ConnectionSecrets secrets,
            List<InboundHandler> handlers, AuditTrail audit,
            org.springframework.transaction.support.TransactionTemplate transactions, Clock clock) {
        this.transactions = transactions;
        this.connections = connections;
        this.gateway = gateway;
        this.secrets = secrets;
        this.handlers = handlers;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a sync did: items the gateway gave, and how many of them were new to Conversa is not tracked. */
    record Result(int contacts, int chats, int messages, boolean truncated) {
    }

    Result contacts(Actor actor, long connectionId) {
        var connection = load(connectionId);
        JsonNode rows = call(() -> gateway.instance(HttpMethod.POST, "/chat/findContacts/", connection.instanceName(),
                token(connection), Map.of("where", Map.of())));
        int seen = 0;
        for (JsonNode row : rows) {
            var contact = EvolutionWebhookReader.contactSeen(connectionId, row);
            if (contact != null) {
                handle(contact);
                seen++;
            }
        }
        int contacts = seen;
        transactions.executeWithoutResult(tx -> audit.record(actor, "connection.contacts_synced", "connection",
                connectionId, Map.of("contacts", contacts)));
        return new Result(seen, 0, 0, false);
    }

    Result messages(Actor actor, long connectionId, int days) {
        var connection = load(connectionId);
        String token = token(connection);
        Instant since = clock.instant().minus(Duration.ofDays(days));
        JsonNode chats = call(() -> gateway.instance(HttpMethod.POST, "/chat/findChats/", connection.instanceName(), token,
                Map.of("where", Map.of())));
        var records = new ArrayList<JsonNode>();
        int chatCount = 0;
        boolean truncated = false;
        for (JsonNode chat : chats) {
            String jid = chat.path("remoteJid").asString("");
            if (!jid.endsWith("@s.whatsapp.net") && !jid.endsWith("@lid")) {
                continue; // groups, broadcasts, channels
            }
            chatCount++;
            for (int page = 1; ; page++) {
                var where = new LinkedHashMap<String, Object>();
                where.put("key", Map.of("remoteJid", jid));
                where.put("messageTimestamp", Map.of("gte", since.toString(), "lte", clock.instant().toString()));
                int current = page;
                JsonNode found = call(() -> gateway.instance(HttpMethod.POST, "/chat/findMessages/",
                        connection.instanceName(), token, Map.of("where", where, "page", current, "offset", PAGE)))
                        .path("messages");
                found.path("records").forEach(records::add);
                if (records.size() >= MAX_MESSAGES) {
                    truncated = true;
                    break;
                }
                if (current >= found.path("pages").asInt(0)) {
                    break;
                }
            }
            if (truncated) {
                break;
            }
        }
        // oldest first, so each chat reads in order
        records.sort(Comparator.comparingLong(record -> record.path("messageTimestamp").asLong(0)));
        int imported = 0;
        for (JsonNode record : records) {
            InboundEvent event;
            try {
                event = EvolutionWebhookReader.message(connectionId, record);
            } catch (RuntimeException unreadable) {
                continue; // a record the history cannot give sensibly is skipped, not imported half
            }
            if (event instanceof InboundEvent.MessageReceived received) {
                handle(new InboundEvent.HistoryMessage(received, false));
                imported++;
            } else if (event instanceof InboundEvent.SentFromPhone typed) {
                handle(new InboundEvent.HistoryMessage(typed.message(), true));
                imported++;
            }
        }
        var details = Map.<String, Object>of("days", days, "chats", chatCount, "messages", imported, "truncated", truncated);
        transactions.executeWithoutResult(tx -> audit.record(actor, "connection.messages_synced", "connection",
                connectionId, details));
        return new Result(0, chatCount, imported, truncated);
    }

    private void handle(InboundEvent event) {
        for (var handler : handlers) {
            handler.handle(event);
        }
    }

    private Connection load(long id) {
        var connection = connections.findById(id).filter(c -> c.provider() == Provider.EVOLUTION_API)
                .orElseThrow(() -> ConversaException.notFound("connection.not_found", id));
        if (!connection.active()) {
            throw ConversaException.conflict("connection.inactive");
        }
        return connection;
    }

    private String token(Connection connection) {
        return secrets.instanceToken(connection);
    }

    private static JsonNode call(java.util.function.Supplier<JsonNode> request) {
        try {
            return request.get();
        } catch (SendFailure failure) {
            throw new ConversaException(HttpStatus.BAD_GATEWAY, "gateway.failed", failure.reason());
        }
    }
}
