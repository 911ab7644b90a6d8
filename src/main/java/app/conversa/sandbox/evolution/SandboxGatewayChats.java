package app.conversa.sandbox.evolution;

import app.conversa.channels.VoiceNotes;
import app.conversa.sandbox.SandboxMedia;
import app.conversa.sandbox.SandboxPhone.PhoneMessage;
import app.conversa.sandbox.SandboxPhone;
import app.conversa.sandbox.evolution.SandboxGateway.Customer;
import app.conversa.shared.ConversaException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The chats of a gateway number, from the phones' side: customers write text, send a photo, a
 * voice note, a document, a location, a contact card or a reaction ({@code messages.upsert},
 * {@code fromMe:false}); the owner types on the linked phone ({@code messages.upsert},
 * {@code fromMe:true}, no {@code send.message}). The business's API sends show up here too. The
 * number must have a linked phone; while its link is not open, messages wait for it.
 */
@Component
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
public class SandboxGatewayChats {

    private final SandboxGateway gateway;
    private final EvolutionMessages messages;
    private final EvolutionContacts contacts;
    private final SandboxMedia media;
    private final VoiceNotes voiceNotes;
    private final Clock clock;

    SandboxGatewayChats(SandboxGateway gateway, EvolutionMessages messages, EvolutionContacts contacts,
            SandboxMedia media, VoiceNotes voiceNotes, Clock clock) {
        this.gateway = gateway;
        this.messages = messages;
        this.contacts = contacts;
        this.media = media;
        this.voiceNotes = voiceNotes;
        this.clock = clock;
    }

    public PhoneMessage write(String instanceName, Customer customer, String text) {
        return fromCustomer(instanceName, customer, EvolutionPayloads.text(text));
    }

    /** A photo, a video, a document, or (voice) a voice note; a browser's WebM recording becomes OGG/Opus as on a phone. */
    public PhoneMessage send(String instanceName, Customer customer, byte[] content, String mimeType, String fileName,
            boolean voice, String caption) {
        var instance = linked(instanceName);
        if (voice && !mimeType.startsWith("audio/ogg")) {
            try {
                content = voiceNotes.toOggOpus(content);
            } catch (VoiceNotes.ConversionFailed e) {
                throw ConversaException.invalid("message.voice_conversion", e.getMessage());
            }
        }
        String type = voice ? "audio/ogg; codecs=opus" : mimeType;
        var item = media.store("evolution:" + instanceName, content, type, voice ? null : fileName);
        String mediatype = type.startsWith("image/") ? "image" : type.startsWith("audio/") ? "audio"
                : type.startsWith("video/") ? "video" : "document";
        return fromCustomer(instance, customer, EvolutionPayloads.media(item, mediatype, caption, voice, clock.instant()));
    }

    public PhoneMessage sendLocation(String instanceName, Customer customer, double latitude, double longitude,
            String place, String address) {
        return fromCustomer(instanceName, customer, EvolutionPayloads.location(latitude, longitude, place, address));
    }

    public PhoneMessage sendContact(String instanceName, Customer customer, String contactName, String contactNumber) {
        return fromCustomer(instanceName, customer, EvolutionPayloads.contact(contactName, contactNumber));
    }

    /** The customer reacts to a message of the chat (either side's) with an emoji. */
    public PhoneMessage react(String instanceName, Customer customer, String messageId, String emoji) {
        var instance = linked(instanceName);
        var target = messages.find(instance, messageId)
                .orElseThrow(() -> ConversaException.notFound("sandbox.message_not_found", messageId));
        var key = target.key();
        key.remove("remoteJidAlt");
        key.remove("addressingMode");
        return fromCustomer(instance, customer, EvolutionPayloads.reaction(key, emoji, clock.instant()));
    }

    /** The business owner types on the linked phone itself, in the chat with this customer. */
    public PhoneMessage ownerWrites(String instanceName, String customerNumber, String text) {
        var instance = linked(instanceName);
        var address = messages.all(instance).reversed().stream()
                .filter(m -> m.address().customer().equals(customerNumber)).map(EvolutionMessage::address).findFirst()
                .orElse(new EvolutionMessage.Address(customerNumber, customerNumber + "@s.whatsapp.net", null, null));
        return messages.ownerSends(instance, address, instance.session().profileName(), EvolutionPayloads.text(text))
                .phone();
    }

    /** A customer's chat with the number, oldest first, as their phone shows it. */
    public List<PhoneMessage> conversation(String instanceName, String customerNumber) {
        return messages.all(gateway.instance(instanceName)).stream()
                .filter(m -> m.address().customer().equals(customerNumber)).map(EvolutionMessage::phone).toList();
    }

    /** The customers with a chat, with the name they last wrote under ("+number" for those who never wrote). */
    public List<SandboxPhone.Customer> customers(String instanceName) {
        var names = new LinkedHashMap<String, String>();
        for (var message : messages.all(gateway.instance(instanceName))) {
            String number = message.address().customer();
            if (message.author() == EvolutionMessage.Author.CUSTOMER) {
                names.put(number, message.pushName());
            } else {
                names.putIfAbsent(number, "+" + number);
            }
        }
        return names.entrySet().stream().map(e -> new SandboxPhone.Customer(e.getKey(), e.getValue())).toList();
    }

    private PhoneMessage fromCustomer(String instanceName, Customer customer, EvolutionMessage.Content content) {
        return fromCustomer(linked(instanceName), customer, content);
    }

    private PhoneMessage fromCustomer(EvolutionInstance instance, Customer customer, EvolutionMessage.Content content) {
        String number = customer.number();
        String lid = contacts.lidOf(number) + "@lid";
        String pn = number + "@s.whatsapp.net";
        var address = switch (customer.addressing()) {
            case PHONE -> new EvolutionMessage.Address(number, pn, lid, "pn");
            case LID -> new EvolutionMessage.Address(number, lid, pn, "lid");
            case LID_ONLY -> new EvolutionMessage.Address(number, lid, null, "lid");
        };
        return messages.customerSends(instance, address, customer.name(), content, null).phone();
    }

    private EvolutionInstance linked(String instanceName) {
        var instance = gateway.instance(instanceName);
        if (instance.session() == null) {
            throw ConversaException.conflict("sandbox.gateway_not_linked", instanceName);
        }
        return instance;
    }
}
