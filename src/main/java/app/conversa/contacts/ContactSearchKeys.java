package app.conversa.contacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills in the search keys of contacts stored before they existed, once, at startup, in batches
 * (folding accents is Java's job, not portable SQL's). New and renamed contacts get theirs as
 * they are written.
 */
@Component
class ContactSearchKeys {

    private static final Logger log = LoggerFactory.getLogger(ContactSearchKeys.class);

    private final JdbcClient jdbc;
    private final ContactStore store;

    ContactSearchKeys(JdbcClient jdbc, ContactStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    private record Missing(long id, String name, String phone) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void fillMissing() {
        int filled = 0;
        while (true) {
            var batch = jdbc.sql("select id, display_name, phone from contacts where search_name is null fetch first 500 rows only")
                    .query((rs, row) -> new Missing(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
            if (batch.isEmpty()) {
                break;
            }
            for (var contact : batch) {
                store.reindex(contact.id(), ContactSearch.foldName(contact.name()), ContactSearch.digits(contact.phone()));
            }
            filled += batch.size();
        }
        if (filled > 0) {
            log.info("Search keys filled in for {} contacts", filled);
        }
    }
}
