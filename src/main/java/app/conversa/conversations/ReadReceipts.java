package app.conversa.conversations;

import app.conversa.channels.Messaging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Blue ticks: once a chat's read is committed, the provider is told the customer's latest message
 * was read (Meta marks every earlier one read too). A durable listener: a crash between the
 * commit and the call still sends them. A provider that refuses only costs the customer's ticks.
 */
@Component
class ReadReceipts {

    private static final Logger log = LoggerFactory.getLogger(ReadReceipts.class);

    private final JdbcClient jdbc;
    private final Messaging messaging;

    ReadReceipts(JdbcClient jdbc, Messaging messaging) {
        this.jdbc = jdbc;
        this.messaging = messaging;
    }

    @ApplicationModuleListener
    void on(ConversationEvent.ChatRead read) {
        var latest = jdbc.sql("""
                select m.connection_id, m.provider_message_id, c.wa_id from messages m join chats c on c.id = m.chat_id
                where m.chat_id = ? and m.direction = 'IN' and m.status = 'READ' and m.provider_message_id is not null
                order by m.id desc fetch first 1 rows only""")
                .param(read.chatId())
                .query((rs, row) -> new Latest(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
        latest.ifPresent(message -> {
            try {
                messaging.markRead(message.connectionId(), message.customerWaId(), message.providerId());
            } catch (RuntimeException e) {
                log.info("Could not mark chat {} read at the provider: {}", read.chatId(), e.getMessage());
            }
        });
    }

    private record Latest(long connectionId, String providerId, String customerWaId) {
    }
}
