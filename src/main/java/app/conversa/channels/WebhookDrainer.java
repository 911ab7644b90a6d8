package app.conversa.channels;

import app.conversa.audit.CriticalEvents;
import app.conversa.audit.Severity;
import app.conversa.shared.SecretBox;
import app.conversa.shared.WakeableWorker;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second half of the inbound pipeline: takes committed webhooks in the order they arrived,
 * reads them into events, hands each event to the {@link InboundHandler}s, quarantines what
 * cannot be read, and marks the webhook processed. Woken right after each intake commit; a
 * sweep every few seconds picks up anything left behind (a crash, a database outage).
 *
 * <p>Handlers are idempotent, so a webhook processed twice (a crash between an event and the
 * "processed" mark, or two nodes) stores nothing twice. A webhook whose handling keeps failing is
 * quarantined after {@link #MAX_ATTEMPTS}, so it cannot stall the ones behind it.
 */
@Component
class WebhookDrainer implements DisposableBean {

    static final int MAX_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(WebhookDrainer.class);

    private final JdbcClient jdbc;
    private final ConnectionSecrets secrets;
    private final ConnectionRepository connections;
    private final List<InboundHandler> handlers;
    private final CriticalEvents criticalEvents;
    private final Providers providers;
    private final ConnectionLinks links;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final WakeableWorker worker = new WakeableWorker("webhook-drainer", this::drain);
    private final int workers;

    WebhookDrainer(JdbcClient jdbc, ConnectionSecrets secrets, ConnectionRepository connections, List<InboundHandler> handlers,
            CriticalEvents criticalEvents, Providers providers, ConnectionLinks links,
            TransactionTemplate transactions, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${conversa.inbound.workers:1}") int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("conversa.inbound.workers must be at least 1, not " + workers);
        }
        this.workers = workers;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.connections = connections;
        this.handlers = handlers;
        this.criticalEvents = criticalEvents;
        this.providers = providers;
        this.links = links;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Asks for a drain soon; calls while one is pending coalesce into it. */
    void wake() {
        worker.wake();
    }

    @Scheduled(fixedDelayString = "${conversa.inbound.sweep-interval:3s}", initialDelayString = "${conversa.inbound.sweep-interval:3s}")
    void sweep() {
        fullScanDue = true;
        wake();
    }

    /**
     * Where the next look for unprocessed webhooks starts. Processed rows leave dead index entries
     * behind until PostgreSQL vacuums them, so scanning from the first id gets slower under load;
     * a wake-up looks only at recent ids (a margin below the last one processed, for calls that
     * committed out of order), and the periodic sweep looks at everything.
     */
    private volatile long floor;
    private volatile boolean fullScanDue = true;
    private static final long FLOOR_MARGIN = 1_000;

    /**
     * Processes every waiting webhook, oldest first: a batch at a time in one transaction (one
     * commit for up to {@link #BATCH} webhooks); if anything in the batch fails (a race on a
     * unique constraint, a bad item, the database), the batch is rolled back and its webhooks
     * are processed one by one.
     */
    synchronized void drain() {
        long from = fullScanDue ? 0 : floor;
        fullScanDue = false;
        while (true) {
            var batch = jdbc.sql("""
                    select w.id, w.connection_id, w.body, w.attempts, c.provider
                    from inbound_webhooks w join connections c on c.id = w.connection_id
                    where w.processed_at is null and w.id > ? order by w.id fetch first %d rows only""".formatted(BATCH))
                    .param(from)
                    .query((rs, row) -> new Stored(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getInt(4),
                            Provider.valueOf(rs.getString(5)))).list();
            if (batch.isEmpty()) {
                return;
            }
            floor = Math.max(floor, batch.getLast().id() - FLOOR_MARGIN);
            var routes = new HashMap<String, OptionalLong>();
            var parsed = new ArrayList<Parsed>();
            for (var webhook : batch) {
                byte[] body = secrets.openBody(webhook.body(), webhook.connectionId());
                var reader = providers.reader(webhook.provider());
                parsed.add(new Parsed(webhook, body, reader.read(webhook.connectionId(), body,
                        account -> routes.computeIfAbsent(webhook.connectionId() + ":" + account,
                                key -> providers.numbers(webhook.provider()).route(webhook.connectionId(), account)))));
            }
            if (!processTogether(parsed)) {
                parsed.forEach(this::process);
            }
            from = batch.getLast().id(); // all of this batch is processed (a failure would have thrown)
        }
    }

    static final int BATCH = 100;

    private record Stored(long id, long connectionId, byte[] body, int attempts, Provider provider) {
    }

    private record Parsed(Stored webhook, byte[] body, WebhookContent content) {
    }

    /**
     * Processes a batch in two steps. First what customers sent (messages, echoes, history,
     * contact updates), grouped by customer: each customer's events in arrival order, the groups
     * spread over {@code conversa.inbound.workers} transactions that run in parallel (one by
     * default: on 2 cores shared with PostgreSQL, four did not drain faster, see
     * docs/benchmarks.md), so one customer's messages keep their order while different
     * customers' are stored side by side. Then, in one
     * transaction, what may refer to those messages: delivery statuses, link states, quarantined
     * items and the "processed" marks. If anything fails, returns false: the caller processes the
     * batch again one webhook at a time (what was stored already is found and not stored twice).
     */
    private boolean processTogether(List<Parsed> batch) {
        if (batch.size() == 1) {
            return false;
        }
        var shares = new ArrayList<List<InboundEvent>>();
        for (int i = 0; i < workers; i++) {
            shares.add(new ArrayList<>());
        }
        var afterwards = new ArrayList<InboundEvent>();
        for (var item : batch) {
            for (var event : item.content().events()) {
                var customer = customerOf(event);
                if (customer == null) {
                    afterwards.add(event);
                } else {
                    shares.get(Math.floorMod(customer.hashCode(), workers)).add(event);
                }
            }
        }
        var added = new HashMap<Long, Integer>();
        var busy = shares.stream().filter(share -> !share.isEmpty()).toList();
        try {
            if (busy.size() > 1) {
                inParallel(busy);
            }
            transactions.executeWithoutResult(tx -> {
                if (busy.size() == 1) { // one worker: everything in one transaction, one commit per batch
                    busy.getFirst().forEach(this::handle);
                }
                afterwards.forEach(this::handle);
                for (var item : batch) {
                    links.apply(item.content().links());
                    added.put(item.webhook().id(), quarantine(item.webhook(), item.content().quarantined()));
                }
                jdbc.sql("update inbound_webhooks set processed_at = :now where id in (:ids)")
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                        .param("ids", batch.stream().map(item -> item.webhook().id()).toList()).update();
            });
        } catch (RuntimeException e) {
            log.debug("Batch of {} webhooks failed, processing them one by one: {}", batch.size(), e.toString());
            return false;
        }
        batch.forEach(item -> reportProblems(item.webhook(), item.content(), added.get(item.webhook().id())));
        return true;
    }

    /** Each share in a transaction of its own, all at once; throws the first failure after all have ended. */
    private void inParallel(List<List<InboundEvent>> shares) {
        var failure = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
        try (var each = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (var share : shares) {
                each.execute(() -> {
                    try {
                        transactions.executeWithoutResult(tx -> share.forEach(this::handle));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void handle(InboundEvent event) {
        for (var handler : handlers) {
            handler.handle(event);
        }
    }

    /** Whose conversation an event belongs to; null for what is not one customer's (delivery statuses). */
    private static String customerOf(InboundEvent event) {
        return switch (event) {
            case InboundEvent.MessageReceived message -> message.connectionId() + ":" + message.customer().waId();
            case InboundEvent.SentFromPhone typed -> typed.message().connectionId() + ":" + typed.message().customer().waId();
            case InboundEvent.HistoryMessage past -> past.message().connectionId() + ":" + past.message().customer().waId();
            case InboundEvent.ContactSeen seen -> seen.connectionId() + ":" + seen.customer().waId();
            case InboundEvent.StatusReported status -> null;
        };
    }

    private void process(Parsed item) {
        var webhook = item.webhook();
        var parsed = item.content();
        try {
            parsed.events().forEach(this::handle);
        } catch (RuntimeException e) {
            if (webhook.attempts() + 1 < MAX_ATTEMPTS) {
                jdbc.sql("update inbound_webhooks set attempts = attempts + 1 where id = ?").param(webhook.id()).update();
                throw e;
            }
            log.error("Webhook {} quarantined after {} failed attempts", webhook.id(), MAX_ATTEMPTS, e);
            var whole = WebhookContent.unreadable("processing failed " + MAX_ATTEMPTS + " times: "
                    + e.getClass().getSimpleName(), new String(item.body(), java.nio.charset.StandardCharsets.UTF_8));
            finish(webhook, whole);
            return;
        }
        finish(webhook, parsed);
    }

    private void finish(Stored webhook, WebhookContent parsed) {
        int added = transactions.execute(tx -> {
            links.apply(parsed.links());
            int newlyQuarantined = quarantine(webhook, parsed.quarantined());
            jdbc.sql("update inbound_webhooks set processed_at = ? where id = ?")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), webhook.id()).update();
            return newlyQuarantined;
        });
        reportProblems(webhook, parsed, added);
    }

    /**
     * Sets the items aside, one row per (connection, item): an item delivered again only counts
     * the delivery. Returns how many were new.
     */
    private int quarantine(Stored webhook, List<WebhookContent.Quarantined> quarantined) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int added = 0;
        for (var item : quarantined) {
            byte[] content = item.item().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String key = sha256(content);
            int seen = jdbc.sql("""
                    update inbound_quarantine set deliveries = deliveries + 1, last_seen_at = ?
                    where connection_id = ? and item_key = ?""").params(now, webhook.connectionId(), key).update();
            if (seen > 0) {
                log.info("An item of webhook {} was quarantined before: counted again", webhook.id());
                continue;
            }
            log.warn("Quarantined an item of webhook {}: {}", webhook.id(), item.reason());
            jdbc.sql("""
                    insert into inbound_quarantine (connection_id, webhook_id, reason, item, item_key, deliveries,
                        created_at, last_seen_at)
                    values (?, ?, ?, ?, ?, 1, ?, ?)""")
                    .params(webhook.connectionId(), webhook.id(), truncate(item.reason(), 300),
                            secrets.sealQuarantined(content, webhook.connectionId()), key, now, now)
                    .update();
            added++;
        }
        return added;
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Critical events for what WhatsApp reported as errors and for items newly set aside, after the commit. */
    private void reportProblems(Stored webhook, WebhookContent parsed, int newlyQuarantined) {
        parsed.errors().forEach(error -> criticalEvents.record(Severity.WARNING, "channels", "channels.provider_error",
                Map.of("connectionId", error.connectionId(), "code", error.code(), "reason", error.reason())));
        if (newlyQuarantined > 0) {
            criticalEvents.record(Severity.WARNING, "channels", "channels.webhook_item_quarantined",
                    Map.of("connectionId", webhook.connectionId(), "webhookId", webhook.id(),
                            "items", newlyQuarantined));
        }
    }

    /** Stored bodies are sealed for their connection: one copied under another connection does not open. */
    static String bodyContext(long connectionId) {
        return ConnectionSecrets.bodyContext(connectionId);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public void destroy() {
        worker.close();
    }
}
