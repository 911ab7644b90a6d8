package app.conversa.conversations;

import app.conversa.channels.ChannelDirectory;
import app.conversa.channels.ConnectionInfo;
import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.MessageKind;
import app.conversa.contacts.Contacts;
import app.conversa.conversations.ChatViews.AuthorType;
import app.conversa.contacts.ContactSearch;
import app.conversa.conversations.ChatViews.ChatCountersView;
import app.conversa.conversations.ChatViews.ChatView;
import app.conversa.conversations.ChatViews.ContactView;
import app.conversa.conversations.ChatViews.Direction;
import app.conversa.conversations.ChatViews.MediaView;
import app.conversa.conversations.ChatViews.MessageView;
import app.conversa.conversations.ChatViews.ParticipantView;
import app.conversa.identity.CurrentUser;
import app.conversa.identity.UserDirectory;
import app.conversa.shared.ConversaException;
import app.conversa.shared.CursorPage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading chats and messages, always through {@link ChatVisibility}. Every list runs a fixed
 * number of statements whatever its size: rows, then their last messages, contacts, names.
 */
@Service
class ChatQueries {

    private static final String MESSAGE_COLUMNS = """
            select m.id, m.chat_id, m.direction, m.kind, m.author_type, m.author_user_id, m.private_note, m.body,
                m.details, m.reply_to_provider_id, m.status, m.sent_at, m.delivered_at, m.read_at, m.failed_at,
                m.error_code, m.error_reason, m.created_at, d.id, d.mime_type, d.filename, d.size_bytes, d.voice, d.state,
                m.provider_message_id
            from messages m left join media d on d.id = m.media_id
            """;

    private final JdbcClient jdbc;
    private final ChatVisibility visibility;
    private final MessageSealing sealing;
    private final Contacts contacts;
    private final ChannelDirectory channels;
    private final UserDirectory users;
    private final Clock clock;

    ChatQueries(JdbcClient jdbc, ChatVisibility visibility, MessageSealing sealing, Contacts contacts,
            ChannelDirectory channels, UserDirectory users, Clock clock) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.sealing = sealing;
        this.contacts = contacts;
        this.channels = channels;
        this.users = users;
        this.clock = clock;
    }

    private record ChatRow(long id, long connectionId, long contactId, ChatState state, Long departmentId,
            Long assignedUserId, int pendingReplies, OffsetDateTime lastMessageAt, OffsetDateTime lastInboundAt,
            Long lastMessageId) {
    }

    /** What the chat list is narrowed to; every part optional, all parts combined (C4). */
    record ChatFilter(List<ChatState> states, Scope scope, Long assignedUserId, Long departmentId, Long connectionId,
            Long contactId, String query) {

        /** Everything the user may see, only their own (assigned or participating), or nobody's. */
        enum Scope { ALL, MINE, UNASSIGNED }
    }

    /** Chats by last activity, newest first; {@code before} is the previous page's cursor. */
    @Transactional(readOnly = true)
    CursorPage<ChatView> chats(CurrentUser user, ChatFilter filter, String before, int size) {
        var condition = visibility.condition(user);
        var where = new ArrayList<String>();
        var params = new java.util.HashMap<String, Object>(condition.params());
        if (!filter.states().isEmpty()) {
            where.add("c.state in (:states)");
            params.put("states", filter.states().stream().map(Enum::name).toList());
        }
        switch (filter.scope()) {
            case MINE -> params.put("viewer", user.id());
            case UNASSIGNED -> where.add("c.assigned_user_id is null");
            case ALL -> { }
        }
        if (filter.assignedUserId() != null) {
            where.add("c.assigned_user_id = :assignee");
            params.put("assignee", filter.assignedUserId());
        }
        if (filter.departmentId() != null) {
            where.add("c.department_id = :department");
            params.put("department", filter.departmentId());
        }
        if (filter.connectionId() != null) {
            where.add("c.connection_id = :connection");
            params.put("connection", filter.connectionId());
        }
        if (filter.contactId() != null) {
            where.add("c.contact_id = :contact");
            params.put("contact", filter.contactId());
        }
        ContactSearch.parse(filter.query()).ifPresent(search -> {
            where.add("c.contact_id in (" + search.sql() + ")");
            params.putAll(search.params());
        });
        if (before != null && !before.isBlank()) {
            var cursor = ChatCursor.parse(before);
            // the first condition alone is an index range (the OR after it is not): pages start at the cursor
            where.add("c.last_message_at <= :beforeAt");
            where.add("(c.last_message_at < :beforeAt or (c.last_message_at = :beforeAt and c.id < :beforeId))");
            params.put("beforeAt", cursor.at());
            params.put("beforeId", cursor.id());
        }
        String newest = " order by c.last_message_at desc, c.id desc fetch first " + (size + 1) + " rows only";
        boolean mine = filter.scope() == ChatFilter.Scope.MINE;
        // held or shared: always among what the user may see
        var alternatives = mine ? List.of(ChatVisibility.HELD, ChatVisibility.PARTICIPATING) : condition.alternatives();
        String sql;
        if (alternatives.size() == 1 || filter.query() != null && !filter.query().isBlank()) {
            where.addFirst(mine ? ChatVisibility.HELD_OR_PARTICIPATING : condition.sql());
            sql = "select " + CHAT_COLUMNS + " from chats c where " + String.join(" and ", where) + newest;
        } else {
            // the newest page of each way the user may see chats (held, shared, their departments'
            // queue...), each from its own index, then merged: an agent holding thousands of chats
            // costs a page, not a sort of all of them (a search keeps the one condition: its
            // subquery would run once per way)
            var branches = alternatives.stream()
                    .map(alternative -> "(select " + CHAT_COLUMNS + " from chats c where "
                            + String.join(" and ", concat(alternative, where)) + newest + ")")
                    .toList();
            sql = "select " + CHAT_COLUMNS + " from (" + String.join(" union ", branches) + ") c" + newest;
        }
        var rows = jdbc.sql(sql).params(params).query(ChatQueries::chatRow).list();
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        String next = more ? ChatCursor.of(page.getLast().lastMessageAt(), page.getLast().id()) : null;
        return new CursorPage<>(views(page), next);
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new ArrayList<String>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The pending-reply badge and the unassigned count, over the chats the user may see (M3, D6). */
    @Transactional(readOnly = true)
    ChatCountersView counters(CurrentUser user) {
        var condition = visibility.condition(user);
        var pending = jdbc.sql("select coalesce(sum(c.pending_replies), 0), count(*) from chats c where c.pending_replies > 0 and "
                + condition.sql()).params(condition.params())
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long unassigned = jdbc.sql("select count(*) from chats c where c.state = 'NEW' and c.assigned_user_id is null and "
                + condition.sql()).params(condition.params()).query(Long.class).single();
        return new ChatCountersView(pending[0], pending[1], unassigned);
    }

    private static final String CHAT_COLUMNS = """
            c.id, c.connection_id, c.contact_id, c.state, c.department_id, c.assigned_user_id, c.pending_replies,
            c.last_message_at, c.last_inbound_at, c.last_message_id""";

    @Transactional(readOnly = true)
    ChatView chat(CurrentUser user, long chatId) {
        requireVisible(user, chatId);
        var row = jdbc.sql("select " + CHAT_COLUMNS + " from chats c where c.id = ?").param(chatId)
                .query(ChatQueries::chatRow).single();
        return views(List.of(row)).getFirst();
    }

    /** A chat as anyone allowed to see it sees it (real-time pushes; the caller checked visibility). */
    @Transactional(readOnly = true)
    ChatView chatView(long chatId) {
        var row = jdbc.sql("select " + CHAT_COLUMNS + " from chats c where c.id = ?").param(chatId)
                .query(ChatQueries::chatRow).single();
        return views(List.of(row)).getFirst();
    }

    /** A chat's messages, newest first; {@code before} is a message id. */
    @Transactional(readOnly = true)
    CursorPage<MessageView> messages(CurrentUser user, long chatId, Long before, int size) {
        requireVisible(user, chatId);
        var rows = jdbc.sql(MESSAGE_COLUMNS + " where m.chat_id = :chat and m.id < :before order by m.id desc fetch first "
                + (size + 1) + " rows only")
                .param("chat", chatId).param("before", before == null ? Long.MAX_VALUE : before)
                .query(this::messageRow).list();
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        return new CursorPage<>(withAuthors(page), more ? Long.toString(page.getLast().id()) : null);
    }

    /** One message, for the real-time push and the send response. */
    @Transactional(readOnly = true)
    MessageView message(long messageId) {
        return withAuthors(List.of(jdbc.sql(MESSAGE_COLUMNS + " where m.id = ?").param(messageId)
                .query(this::messageRow).single())).getFirst();
    }

    void requireVisible(CurrentUser user, long chatId) {
        if (!canSee(user, chatId)) {
            throw ConversaException.hidden("chat.not_found", chatId);
        }
    }

    boolean canSee(CurrentUser user, long chatId) {
        return visibility.canSee(user, chatId);
    }

    private List<ChatView> views(List<ChatRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var lastIds = rows.stream().map(ChatRow::lastMessageId).filter(Objects::nonNull).toList();
        var last = lastIds.isEmpty() ? Map.<Long, MessageView>of() : jdbc.sql(MESSAGE_COLUMNS + " where m.id in (:ids)")
                .param("ids", lastIds).query(this::messageRow).list().stream()
                .collect(Collectors.toMap(MessageView::chatId, Function.identity()));
        var cards = contacts.cards(rows.stream().map(ChatRow::contactId).collect(Collectors.toSet()));
        var connections = connections(rows.stream().map(ChatRow::connectionId).toList());
        var chatIds = rows.stream().map(ChatRow::id).toList();
        var participants = jdbc.sql("select p.chat_id, p.user_id from chat_participants p where p.chat_id in (:ids) order by p.added_at")
                .param("ids", chatIds).query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        var people = new HashSet<Long>();
        rows.stream().map(ChatRow::assignedUserId).filter(Objects::nonNull).forEach(people::add);
        participants.forEach(pair -> people.add(pair[1]));
        var names = users.displayNames(people);
        var participantsByChat = participants.stream().collect(Collectors.groupingBy(pair -> pair[0],
                Collectors.mapping(pair -> new ParticipantView(pair[1], names.getOrDefault(pair[1], "?")), Collectors.toList())));
        var now = clock.instant();
        var views = new ArrayList<ChatView>();
        for (var row : rows) {
            var card = cards.get(row.contactId());
            var connection = connections.get(row.connectionId());
            Instant lastInbound = row.lastInboundAt() == null ? null : row.lastInboundAt().toInstant();
            views.add(new ChatView(row.id(), row.connectionId(), connection == null ? "?" : connection.name(),
                    new ContactView(row.contactId(), card == null ? "?" : card.displayName(), card == null ? null : card.phone()),
                    row.state(), row.departmentId(), row.assignedUserId(),
                    row.assignedUserId() == null ? null : names.get(row.assignedUserId()),
                    participantsByChat.getOrDefault(row.id(), List.of()), row.pendingReplies(), row.lastMessageAt().toInstant(), lastInbound,
                    Chats.windowOpen(connection == null || connection.provider().hasServiceWindow(), lastInbound, now),
                    last.get(row.id())));
        }
        return views;
    }

    /** Connection names change rarely and every chat list shows them: re-read at most every two seconds. */
    private volatile Map<Long, ConnectionInfo> connectionsCache = Map.of();
    private volatile Instant connectionsReadAt = Instant.EPOCH;

    private Map<Long, ConnectionInfo> connections(List<Long> needed) {
        var now = clock.instant();
        if (connectionsReadAt.plusSeconds(2).isBefore(now) || !connectionsCache.keySet().containsAll(needed)) {
            connectionsCache = channels.all().stream().collect(Collectors.toMap(ConnectionInfo::id, Function.identity()));
            connectionsReadAt = now;
        }
        return connectionsCache;
    }

    private List<MessageView> withAuthors(List<MessageView> messages) {
        Collection<Long> authors = messages.stream().map(MessageView::authorUserId).filter(Objects::nonNull)
                .collect(Collectors.toCollection(HashSet::new));
        var names = users.displayNames(authors);
        return messages.stream().map(m -> m.authorUserId() == null ? m : new MessageView(m.id(), m.chatId(),
                m.direction(), m.kind(), m.authorType(), m.authorUserId(), names.get(m.authorUserId()), m.privateNote(),
                m.text(), m.details(), m.media(), m.providerMessageId(), m.replyToProviderId(), m.status(), m.sentAt(), m.deliveredAt(),
                m.readAt(), m.failedAt(), m.errorCode(), m.errorReason(), m.createdAt())).toList();
    }

    private static ChatRow chatRow(ResultSet rs, int row) throws SQLException {
        return new ChatRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), ChatState.valueOf(rs.getString(4)),
                rs.getObject(5, Long.class), rs.getObject(6, Long.class), rs.getInt(7),
                rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, Long.class));
    }

    private MessageView messageRow(ResultSet rs, int row) throws SQLException {
        Long mediaId = rs.getObject(19, Long.class);
        var media = mediaId == null ? null : new MediaView(mediaId, rs.getString(20), rs.getString(21),
                rs.getObject(22, Long.class), rs.getBoolean(23), "STORED".equals(rs.getString(24)),
                "FAILED".equals(rs.getString(24)));
        return new MessageView(rs.getLong(1), rs.getLong(2), Direction.valueOf(rs.getString(3)),
                MessageKind.valueOf(rs.getString(4)), AuthorType.valueOf(rs.getString(5)), rs.getObject(6, Long.class),
                null, rs.getBoolean(7), sealing.openBody(rs.getBytes(8)), sealing.openDetails(rs.getBytes(9)), media,
                rs.getString(25), rs.getString(10), DeliveryStatus.valueOf(rs.getString(11)), instant(rs, 12), instant(rs, 13),
                instant(rs, 14), instant(rs, 15), rs.getString(16), rs.getString(17), instant(rs, 18));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** "epochMicros_id": the keyset of the chat list. */
    record ChatCursor(OffsetDateTime at, long id) {
        static String of(OffsetDateTime at, long id) {
            var instant = at.toInstant();
            return (instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000) + "_" + id;
        }

        static ChatCursor parse(String cursor) {
            try {
                var parts = cursor.split("_");
                long micros = Long.parseLong(parts[0]);
                var instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
                return new ChatCursor(instant.atOffset(java.time.ZoneOffset.UTC), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw ConversaException.invalid("chat.bad_cursor");
            }
        }
    }
}
