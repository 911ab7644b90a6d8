package app.conversa.sandbox.evolution;

import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The fake Evolution gateway's far side, for tests and the phone page: the phones that link to
 * its instances (scan the QR, unlink, lose the connection), the gateway going silent, and the
 * history a linked phone brings (contacts, past messages). Customers' and the owner's messages
 * are {@link SandboxGatewayChats}. Everything is in memory.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
public class SandboxGateway {

    /** How the gateway shows a customer: by phone number, by privacy id with the number beside it, or only by privacy id. */
    public enum Addressing { PHONE, LID, LID_ONLY }

    /** A customer writing to a gateway number: digits with country code, the WhatsApp profile name, the addressing. */
    public record Customer(String number, String name, Addressing addressing) {

        public Customer {
            if (number == null || !number.matches("\\d{8,15}")) {
                throw ConversaException.invalid("sandbox.customer_number", number);
            }
        }

        public static Customer of(String number, String name) {
            return new Customer(number, name, Addressing.PHONE);
        }
    }

    /**
     * An instance as the phone page shows it: its state ({@code close}, {@code connecting},
     * {@code open}), the linked number and profile name, and while waiting for a scan the QR
     * (raw string and PNG data URL), the pairing code and which refresh it is.
     */
    public record GatewayNumber(String instanceName, String state, String number, String profileName, String qrCode,
            String qrImage, String pairingCode, int qrCount, boolean offline) {
    }

    private final EvolutionInstances instances;
    private final EvolutionLinks links;
    private final EvolutionMessages messages;
    private final EvolutionContacts contacts;
    private final Clock clock;

    SandboxGateway(EvolutionInstances instances, EvolutionLinks links, EvolutionMessages messages,
            EvolutionContacts contacts, Clock clock) {
        this.instances = instances;
        this.links = links;
        this.messages = messages;
        this.contacts = contacts;
        this.clock = clock;
    }

    public List<GatewayNumber> numbers() {
        return instances.all().stream().sorted(Comparator.comparing(EvolutionInstance::createdAt))
                .map(SandboxGateway::view).toList();
    }

    public GatewayNumber number(String instanceName) {
        return view(instance(instanceName));
    }

    /** Whether the gateway is down: every API call answers 503 and no webhook leaves (they wait). */
    public boolean silent() {
        return instances.silent();
    }

    public void silent(boolean silent) {
        instances.silent(silent);
    }

    /** The phone with this number and profile name scans the QR on show: the link opens. */
    public GatewayNumber scan(String instanceName, String phoneNumber, String profileName) {
        var instance = instance(instanceName);
        if (phoneNumber == null || !phoneNumber.matches("\\d{8,15}")) {
            throw ConversaException.invalid("sandbox.customer_number", phoneNumber);
        }
        synchronized (instance) {
            if (!instance.awaitingScan()) {
                throw ConversaException.conflict("sandbox.gateway_no_qr", instanceName);
            }
            links.scan(instance, new EvolutionInstance.Session(phoneNumber, profileName));
        }
        return view(instance);
    }

    /** The QR on show expires now (as after the refresh interval): the next one, or {@code refused} at the limit. */
    public GatewayNumber expireQr(String instanceName) {
        var instance = instance(instanceName);
        links.expireQr(instance);
        return view(instance);
    }

    /** The owner removes the linked device on the phone: close 401, the session is gone. */
    public void unlink(String instanceName) {
        disconnect(instanceName, 401);
    }

    /** The link drops (close 408): the session is kept, so a connect or restart resumes without a QR. */
    public void dropConnection(String instanceName) {
        links.loseNetwork(instance(instanceName));
    }

    /**
     * The gateway restarted and left the instance closed without a word (its session kept), as a
     * gateway can: nothing reconnects it until the app asks to connect.
     */
    public void closeQuietly(String instanceName) {
        links.closeQuietly(instance(instanceName));
    }

    /** The phone whose connection dropped is back online: the link opens again. */
    public void restoreConnection(String instanceName) {
        links.regainNetwork(instance(instanceName));
    }

    /**
     * The open link closes with a Baileys DisconnectReason code. 401, 402, 403 and 406 are final
     * (webhooks tell the app; 401 forgets the session); others (408, 428, 440, 503, 515...)
     * resume on their own, as Evolution reconnects.
     */
    public void disconnect(String instanceName, int reasonCode) {
        var instance = instance(instanceName);
        synchronized (instance) {
            if (instance.state() != EvolutionInstance.State.OPEN) {
                throw ConversaException.conflict("sandbox.gateway_not_linked", instanceName);
            }
            links.close(instance, reasonCode);
        }
    }

    /**
     * The gateway runs with WEBHOOK_BASE64 on (media inline in every message's webhook) and stores
     * no messages, so asking it for a message's media afterwards answers "Message not found";
     * {@code false}: media is fetched again, and only an instance's own webhook setting inlines it.
     */
    public void inlineMediaOnly(boolean on) {
        messages.webhookBase64(on);
        messages.keepsMedia(!on);
    }

    /** The privacy id ({@code <digits>}, without {@code @lid}) WhatsApp gives this number. */
    public String lidOf(String number) {
        return contacts.lidOf(number);
    }

    /** A contact the gateway knows (as if synced from the phone), served by findContacts and fetchProfilePictureUrl. */
    public void seedContact(String instanceName, String number, String name, String profilePictureUrl) {
        contacts.seed(instance(instanceName).id(), number + "@s.whatsapp.net", name, profilePictureUrl, clock.instant());
    }

    /**
     * A past message of a chat (as if synced from the phone), served by findMessages and findChats,
     * without webhooks; returns its id. {@code fromBusiness} means written on the linked phone.
     */
    public String seedHistory(String instanceName, String customerNumber, String name, boolean fromBusiness,
            String text, Instant at) {
        var instance = instance(instanceName);
        String jid = customerNumber + "@s.whatsapp.net";
        if (contacts.find(instance.id(), jid).isEmpty()) {
            contacts.seed(instance.id(), jid, name, null, at);
        }
        var session = instance.session();
        String pushName = !fromBusiness ? name : session == null ? "Você" : session.profileName();
        return messages.seed(instance, new EvolutionMessage.Address(customerNumber, jid, null, null),
                fromBusiness ? EvolutionMessage.Author.OWNER : EvolutionMessage.Author.CUSTOMER, pushName,
                EvolutionPayloads.text(text), at).id();
    }

    EvolutionInstance instance(String instanceName) {
        return instances.find(instanceName)
                .orElseThrow(() -> ConversaException.notFound("sandbox.gateway_not_found", instanceName));
    }

    private static GatewayNumber view(EvolutionInstance instance) {
        synchronized (instance) {
            var session = instance.session();
            var qr = instance.qr();
            return new GatewayNumber(instance.name(), instance.state().wire(), session == null ? null : session.number(),
                    session == null ? null : session.profileName(), qr == null ? null : qr.code(),
                    qr == null ? null : qr.base64(), qr == null ? null : qr.pairingCode(), qr == null ? 0 : qr.count(), instance.offline());
        }
    }
}
