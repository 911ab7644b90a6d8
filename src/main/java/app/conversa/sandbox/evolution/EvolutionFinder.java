package app.conversa.sandbox.evolution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.function.Predicate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read side the app syncs from (B6): findMessages (paged, newest first, filtered by key,
 * type and a time range), findChats (one row per chat with its last message) and findContacts.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionFinder {

    private final EvolutionMessages messages;
    private final EvolutionContacts contacts;
    private final Clock clock;

    EvolutionFinder(EvolutionMessages messages, EvolutionContacts contacts, Clock clock) {
        this.messages = messages;
        this.contacts = contacts;
        this.clock = clock;
    }

    ObjectNode messages(EvolutionInstance instance, JsonNode query) {
        var where = query.path("where");
        var matching = messages.all(instance).reversed().stream().filter(matches(where)).toList();
        int offset = Math.max(1, query.path("offset").asInt(50));
        int page = Math.max(1, query.path("page").asInt(1));
        var body = JsonNodeFactory.instance.objectNode();
        var result = body.putObject("messages").put("total", matching.size())
                .put("pages", (matching.size() + offset - 1) / offset).put("currentPage", page);
        var records = result.putArray("records");
        matching.stream().skip((long) (page - 1) * offset).limit(offset).forEach(m -> records.add(m.record()));
        return body;
    }

    ArrayNode chats(EvolutionInstance instance, JsonNode query) {
        String remoteJid = query.path("where").path("remoteJid").asString(null);
        var lastByChat = new LinkedHashMap<String, EvolutionMessage>();
        var unread = new LinkedHashMap<String, Integer>();
        for (var message : messages.all(instance)) {
            String jid = message.address().remoteJid();
            lastByChat.put(jid, message);
            boolean waiting = message.author() == EvolutionMessage.Author.CUSTOMER
                    && !message.phone().status().equals("read");
            unread.merge(jid, waiting ? 1 : 0, Integer::sum);
        }
        var rows = JsonNodeFactory.instance.arrayNode();
        lastByChat.values().stream().sorted(Comparator.comparing(EvolutionMessage::at).reversed())
                .filter(m -> remoteJid == null || m.address().remoteJid().equals(remoteJid))
                .forEach(last -> rows.add(chat(instance, last, unread.get(last.address().remoteJid()))));
        return rows;
    }

    ArrayNode contacts(EvolutionInstance instance, JsonNode query) {
        String remoteJid = query.path("where").path("remoteJid").asString(null);
        var rows = JsonNodeFactory.instance.arrayNode();
        var all = contacts.all(instance.id()).stream()
                .filter(c -> remoteJid == null || c.remoteJid().equals(remoteJid)).toList();
        int offset = query.path("offset").asInt(all.size() == 0 ? 1 : all.size());
        int page = Math.max(1, query.path("page").asInt(1));
        all.stream().skip((long) (page - 1) * Math.max(1, offset)).limit(Math.max(1, offset))
                .forEach(c -> rows.add(EvolutionContacts.row(c, instance.id())));
        return rows;
    }

    private ObjectNode chat(EvolutionInstance instance, EvolutionMessage last, int unreadCount) {
        String jid = last.address().remoteJid();
        var contact = contacts.find(instance.id(), jid);
        Instant start = messages.all(instance).stream().filter(m -> m.address().remoteJid().equals(jid))
                .map(EvolutionMessage::at).findFirst().orElse(last.at());
        Instant expires = start.plus(Duration.ofHours(24));
        var row = JsonNodeFactory.instance.objectNode().put("id", contact.map(EvolutionContacts.Contact::id)
                        .orElse("chat" + last.dbId())).put("remoteJid", jid)
                .put("pushName", contact.map(EvolutionContacts.Contact::pushName).orElse(null))
                .put("profilePicUrl", contact.map(EvolutionContacts.Contact::profilePicUrl).orElse(null))
                .put("updatedAt", EvolutionPayloads.iso(last.at())).put("windowStart", EvolutionPayloads.iso(start))
                .put("windowExpires", EvolutionPayloads.iso(expires)).put("windowActive", clock.instant().isBefore(expires));
        row.set("lastMessage", last.record());
        return row.put("unreadCount", unreadCount).put("isSaved", contact.isPresent());
    }

    private static Predicate<EvolutionMessage> matches(JsonNode where) {
        var key = where.path("key");
        String remoteJid = key.path("remoteJid").asString(null);
        String id = key.path("id").asString(null);
        Boolean fromMe = key.path("fromMe").isBoolean() ? key.path("fromMe").asBoolean() : null;
        String type = where.path("messageType").asString(null);
        Long gte = epochSeconds(where.path("messageTimestamp").path("gte"));
        Long lte = epochSeconds(where.path("messageTimestamp").path("lte"));
        return m -> (remoteJid == null || remoteJid.equals(m.address().remoteJid())
                        || remoteJid.equals(m.address().remoteJidAlt()))
                && (id == null || id.equals(m.id())) && (fromMe == null || fromMe == m.fromMe())
                && (type == null || type.equals(m.content().messageType()))
                && (gte == null || m.at().getEpochSecond() >= gte) && (lte == null || m.at().getEpochSecond() <= lte);
    }

    /** Evolution takes ISO dates (it converts them to Unix seconds); plain numbers are taken as seconds. */
    private static Long epochSeconds(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        if (!value.isString() || value.asString().isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.asString()).getEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value.asString()).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
            } catch (java.time.format.DateTimeParseException notADate) {
                throw EvolutionError.badRequest("Invalid date " + value.asString());
            }
        }
    }
}
