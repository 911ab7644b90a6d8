package app.conversa.sandbox.evolution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One instance on the fake Evolution gateway: its credentials, its webhook settings, and its link
 * to WhatsApp. The link is {@code close} → {@code connecting} (a QR to scan, or a kept session
 * resuming) → {@code open}, and back to {@code close} with a reason code; only a 401 (logged out)
 * forgets the session, so any other close resumes without a QR. Events that happen on WhatsApp
 * while the link is not open (a customer writes, a receipt) wait here until it opens, as WhatsApp's
 * servers keep them for a linked device that is offline. Every method runs under the instance's
 * lock; callers that must do more in the same step synchronize on the instance themselves.
 */
final class EvolutionInstance {

    enum State {
        CLOSE, CONNECTING, OPEN;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The phone that scanned the QR: its number and WhatsApp profile name. */
    record Session(String number, String profileName) {

        String wuid() {
            return number + "@s.whatsapp.net";
        }
    }

    /** The QR on show: the raw string a phone scans, its PNG data URL, the pairing code, which refresh it is. */
    record Qr(String code, String base64, String pairingCode, int count) {
    }

    /** The webhook settings as Evolution stores them (B3). */
    record Webhook(String id, String url, Map<String, String> headers, boolean enabled, boolean byEvents,
            boolean base64, List<String> events, Instant createdAt, Instant updatedAt) {

        boolean wants(String eventName) {
            return enabled && url != null && events.contains(eventName);
        }
    }

    record Disconnection(int reasonCode, Instant at, String object) {
    }

    private final String name;
    private final String id;
    private final String token;
    private final Map<String, Object> settings;
    private final Instant createdAt;
    /** The linked phone has no network: reconnects stay {@code connecting}. */
    private boolean offline;
    private State state = State.CLOSE;
    private Session session;
    private String wuid;
    private String pairingNumber;
    private Qr qr;
    private int qrCount;
    private Webhook webhook;
    private Disconnection disconnection;
    private Instant updatedAt;
    private final List<Runnable> heldUntilOpen = new ArrayList<>();

    EvolutionInstance(String name, String id, String token, String pairingNumber, Map<String, Object> settings,
            Instant now) {
        this.name = name;
        this.id = id;
        this.token = token;
        this.pairingNumber = pairingNumber;
        this.settings = settings;
        this.createdAt = now;
        this.updatedAt = now;
    }

    String name() { return name; }
    String id() { return id; }
    String token() { return token; }
    Map<String, Object> settings() { return settings; }
    Instant createdAt() { return createdAt; }
    synchronized Instant updatedAt() { return updatedAt; }
    synchronized State state() { return state; }
    synchronized Session session() { return session; }
    /** The number last linked (kept after a logout, as Evolution keeps it in memory), or null. */
    synchronized String wuid() { return wuid; }
    synchronized String pairingNumber() { return pairingNumber; }
    synchronized Qr qr() { return qr; }
    synchronized Webhook webhook() { return webhook; }
    synchronized Disconnection disconnection() { return disconnection; }

    synchronized void webhook(Webhook webhook) {
        this.webhook = webhook;
    }

    /** Leaves {@code close}; returns whether a QR must be shown (no kept session). */
    synchronized boolean connect(String number, Instant now) {
        if (state != State.CLOSE) {
            throw new IllegalStateException("connect from " + state);
        }
        if (number != null && !number.isBlank()) {
            pairingNumber = number;
        }
        state = State.CONNECTING;
        qr = null;
        qrCount = 0;
        updatedAt = now;
        return session == null;
    }

    /** Whether the QR on show is waiting to be scanned (no session yet). */
    synchronized boolean awaitingScan() {
        return state == State.CONNECTING && session == null;
    }

    synchronized int qrCount() {
        return qrCount;
    }

    synchronized Qr showQr(String code, String base64, String pairingCode) {
        if (!awaitingScan()) {
            throw new IllegalStateException("no QR while " + state);
        }
        qr = new Qr(code, base64, pairingCode, ++qrCount);
        return qr;
    }

    /** The link opens: with the phone that just scanned, or (null) resuming the kept session. */
    synchronized void open(Session scanned, Instant now) {
        if (state != State.CONNECTING || (scanned == null) == (session == null)) {
            throw new IllegalStateException("open from " + state);
        }
        if (scanned != null) {
            session = scanned;
        }
        wuid = session.wuid();
        state = State.OPEN;
        qr = null;
        updatedAt = now;
    }

    /** The link closes for a reason (Baileys' DisconnectReason); 401 forgets the session. */
    synchronized void close(int reasonCode, String disconnectionObject, Instant now) {
        state = State.CLOSE;
        qr = null;
        updatedAt = now;
        if (disconnectionObject != null) {
            disconnection = new Disconnection(reasonCode, now, disconnectionObject);
        }
        if (reasonCode == 401) {
            session = null;
            heldUntilOpen.clear();
        }
    }

    /** Runs now when the link is open; otherwise keeps it for when it opens (dropped if nobody is linked). */
    synchronized void whenOpen(Runnable event) {
        if (state == State.OPEN) {
            event.run();
        } else if (session != null) {
            heldUntilOpen.add(event);
        }
    }

    /** After the link opened: what waited for it, in order. */
    synchronized void releaseHeld() {
        var held = List.copyOf(heldUntilOpen);
        heldUntilOpen.clear();
        held.forEach(Runnable::run);
    }

    boolean offline() {
        return offline;
    }

    void offline(boolean offline) {
        this.offline = offline;
    }
}
