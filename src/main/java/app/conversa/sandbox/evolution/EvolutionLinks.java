package app.conversa.sandbox.evolution;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves an instance's link through its states and tells the app, as Evolution does (B4): on
 * connect {@code connection.update connecting}, then a {@code qrcode.updated} every refresh until
 * the limit ({@code refused}, 428) or a scan ({@code connecting} again for Baileys' restart, then
 * {@code open} with wuid and profile name). A close with 401, 402, 403, 406 or 408 is final:
 * {@code status.instance} (and {@code logout.instance} for 401) then {@code connection.update
 * close}; any other close is silent and resumes the kept session after a pause.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
class EvolutionLinks {

    /** As Evolution: only these end the link with a {@code close} webhook; on any other it reconnects by itself. */
    private static final Set<Integer> FINAL_CLOSES = Set.of(401, 402, 403, 406);
    private static final Map<Integer, String> REASONS = Map.of(401, "Connection Failure", 403, "Forbidden",
            408, "Connection was lost", 428, "Connection Closed", 440, "Connection Replaced", 500, "Bad Session",
            503, "Service Unavailable", 515, "Stream Errored (restart required)");

    private final EvolutionWebhooks webhooks;
    private final EvolutionQrCodes qrCodes;
    private final Clock clock;
    private final Duration qrRefresh;
    private final int qrLimit;
    private final Duration resumePause;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sandbox-evolution-qr").factory());
    private final Map<String, ScheduledFuture<?>> qrTimers = new ConcurrentHashMap<>();

    EvolutionLinks(EvolutionWebhooks webhooks, EvolutionQrCodes qrCodes, Clock clock,
            @Value("${conversa.sandbox.evolution.qr-refresh:20s}") Duration qrRefresh,
            @Value("${conversa.sandbox.evolution.qr-limit:30}") int qrLimit,
            @Value("${conversa.sandbox.status-pauses:400ms,900ms,1600ms}") List<Duration> pauses) {
        this.webhooks = webhooks;
        this.qrCodes = qrCodes;
        this.clock = clock;
        this.qrRefresh = qrRefresh;
        this.qrLimit = qrLimit;
        this.resumePause = pauses.getFirst();
    }

    /** From {@code close}: a QR to scan, or the kept session resuming. */
    void connect(EvolutionInstance instance, String number) {
        synchronized (instance) {
            boolean needsQr = instance.connect(number, clock.instant());
            emitState(instance, "connecting", 200);
            if (needsQr) {
                showNextQr(instance);
                qrTimers.put(instance.id(), timer.scheduleAtFixedRate(() -> expireQr(instance),
                        qrRefresh.toMillis(), qrRefresh.toMillis(), TimeUnit.MILLISECONDS));
            } else {
                resumeSoon(instance);
            }
        }
    }

    /** The QR on show expired: the next one, or {@code refused} once the limit is reached. */
    void expireQr(EvolutionInstance instance) {
        synchronized (instance) {
            if (!instance.awaitingScan()) {
                stopQr(instance);
            } else if (instance.qrCount() >= qrLimit) {
                stopQr(instance);
                var limit = object().put("message", "QR code limit reached, please login again").put("statusCode", 500);
                webhooks.emit(instance, "qrcode.updated", limit);
                emitState(instance, "refused", 428);
                instance.close(428, null, clock.instant());
            } else {
                showNextQr(instance);
            }
        }
    }

    /** A phone scanned the QR (or typed the pairing code). */
    void scan(EvolutionInstance instance, EvolutionInstance.Session phone) {
        synchronized (instance) {
            if (!instance.awaitingScan()) {
                throw new IllegalStateException("no QR to scan");
            }
            stopQr(instance);
            emitState(instance, "connecting", 200);
            open(instance, phone);
        }
    }

    /** The link closes with a Baileys DisconnectReason code. */
    void close(EvolutionInstance instance, int reasonCode) {
        synchronized (instance) {
            stopQr(instance);
            if (!FINAL_CLOSES.contains(reasonCode) && instance.session() != null) {
                instance.close(reasonCode, null, clock.instant());
                connect(instance, null);
                return;
            }
            instance.close(reasonCode, disconnectionObject(reasonCode), clock.instant());
            var disconnection = instance.disconnection();
            webhooks.emit(instance, "status.instance", object().put("instance", instance.name()).put("status", "closed")
                    .put("disconnectionAt", EvolutionPayloads.iso(disconnection.at()))
                    .put("disconnectionReasonCode", reasonCode)
                    .put("disconnectionObject", disconnection.object()));
            if (reasonCode == 401) {
                webhooks.emit(instance, "logout.instance", NullNode.instance);
            }
            emitState(instance, "close", reasonCode);
        }
    }

    /**
     * The phone loses its network: Evolution keeps reconnecting, says {@code connecting} and
     * nothing more (no {@code close} webhook) until the phone is back.
     */
    void loseNetwork(EvolutionInstance instance) {
        synchronized (instance) {
            instance.offline(true);
            close(instance, 408);
        }
    }

    /** The instance ends up closed, session kept, with no webhook (a gateway restart that did not reconnect it). */
    void closeQuietly(EvolutionInstance instance) {
        synchronized (instance) {
            stopQr(instance);
            instance.close(515, null, clock.instant());
        }
    }

    /** The phone is back online: the pending reconnect opens the link. */
    void regainNetwork(EvolutionInstance instance) {
        synchronized (instance) {
            instance.offline(false);
            if (instance.state() == EvolutionInstance.State.CONNECTING && instance.session() != null) {
                open(instance, null);
            }
        }
    }

    /** Ends the link without a word (a restart): the next connect resumes or shows a new QR. */
    void restart(EvolutionInstance instance) {
        synchronized (instance) {
            stopQr(instance);
            instance.close(515, null, clock.instant());
            connect(instance, null);
        }
    }

    void forget(EvolutionInstance instance) {
        stopQr(instance);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private void showNextQr(EvolutionInstance instance) {
        String code = qrCodes.code();
        String pairingCode = instance.pairingNumber() == null ? null : qrCodes.pairingCode();
        var qr = instance.showQr(code, qrCodes.dataUrl(code), pairingCode);
        var data = object();
        data.putObject("qrcode").put("instance", instance.name()).put("pairingCode", qr.pairingCode())
                .put("code", qr.code()).put("base64", qr.base64());
        webhooks.emit(instance, "qrcode.updated", data);
    }

    private void resumeSoon(EvolutionInstance instance) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(resumePause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            synchronized (instance) {
                if (instance.state() == EvolutionInstance.State.CONNECTING && instance.session() != null
                        && !instance.offline()) {
                    open(instance, null);
                }
            }
        });
    }

    private void open(EvolutionInstance instance, EvolutionInstance.Session phone) {
        instance.open(phone, clock.instant());
        var session = instance.session();
        var data = object().put("instance", instance.name()).put("wuid", session.wuid())
                .put("profileName", session.profileName()).putNull("profilePictureUrl").put("state", "open")
                .put("statusReason", 200);
        webhooks.emit(instance, "connection.update", data);
        instance.releaseHeld();
    }

    private void emitState(EvolutionInstance instance, String state, int statusReason) {
        webhooks.emit(instance, "connection.update", object().put("instance", instance.name()).put("state", state)
                .put("statusReason", statusReason));
    }

    private void stopQr(EvolutionInstance instance) {
        var running = qrTimers.remove(instance.id());
        if (running != null) {
            running.cancel(false);
        }
    }

    /** What Evolution stores as {@code disconnectionObject}: Baileys' lastDisconnect (a Boom error), as JSON text. */
    private String disconnectionObject(int reasonCode) {
        var error = object();
        var output = error.putObject("error").put("isBoom", true).put("isServer", reasonCode >= 500).putObject("output");
        output.put("statusCode", reasonCode).putObject("payload").put("statusCode", reasonCode)
                .put("error", reasonCode == 401 ? "Unauthorized" : "Unknown")
                .put("message", REASONS.getOrDefault(reasonCode, "Connection Failure"));
        output.putObject("headers");
        error.put("date", EvolutionPayloads.iso(clock.instant()));
        return error.toString();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
