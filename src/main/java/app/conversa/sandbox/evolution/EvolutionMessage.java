package app.conversa.sandbox.evolution;

import app.conversa.sandbox.SandboxMedia;
import app.conversa.sandbox.SandboxPhone;
import java.time.Instant;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One message as the fake gateway keeps it: Baileys' key and WAProto content, who wrote it (a
 * customer, the business through the API, or the owner on the linked phone), its receipt status,
 * and how the customer's phone shows it. {@link #prepared()} is Evolution's {@code prepareMessage}
 * shape (B4/B5), the same in webhooks, send responses and (with its database id) findMessages.
 */
final class EvolutionMessage {

    enum Author { CUSTOMER, BUSINESS, OWNER }

    /** Who the chat is with: the customer's phone number, and the jid the gateway shows for them. */
    record Address(String customer, String remoteJid, String remoteJidAlt, String addressingMode) {
    }

    /** The WAProto content: {@code messageType}, the {@code message} object, and the phone's view of it. */
    record Content(String messageType, ObjectNode message, String kind, String text, SandboxMedia.Item media,
            boolean voice) {
    }

    private final String id;
    private final String dbId;
    private final String instanceId;
    private final Address address;
    private final Author author;
    private final String pushName;
    private final Content content;
    private final ObjectNode contextInfo;
    private final Instant at;
    private final String source;
    private volatile String status;
    private volatile String phoneStatus;

    EvolutionMessage(String id, String dbId, String instanceId, Address address, Author author, String pushName,
            Content content, ObjectNode contextInfo, Instant at, String status) {
        this.id = id;
        this.dbId = dbId;
        this.instanceId = instanceId;
        this.address = address;
        this.author = author;
        this.pushName = pushName;
        this.content = content;
        this.contextInfo = contextInfo;
        this.at = at;
        this.source = author == Author.BUSINESS ? "unknown" : "android";
        this.status = status;
        this.phoneStatus = "sent";
    }

    String id() { return id; }
    String dbId() { return dbId; }
    Address address() { return address; }
    Author author() { return author; }
    boolean fromMe() { return author != Author.CUSTOMER; }
    String pushName() { return pushName; }
    Content content() { return content; }
    Instant at() { return at; }
    String status() { return status; }

    void status(String status) {
        this.status = status;
    }

    /** The customer's ticks on their own message: sent (WhatsApp has it), delivered (the linked device got it), read. */
    void phoneStatus(String phoneStatus) {
        this.phoneStatus = phoneStatus;
    }

    ObjectNode key() {
        var key = JsonNodeFactory.instance.objectNode().put("remoteJid", address.remoteJid()).put("fromMe", fromMe())
                .put("id", id);
        if (address.remoteJidAlt() != null) {
            key.put("remoteJidAlt", address.remoteJidAlt());
        }
        if (address.addressingMode() != null) {
            key.put("addressingMode", address.addressingMode());
        }
        return key;
    }

    ObjectNode prepared() {
        var node = JsonNodeFactory.instance.objectNode();
        node.set("key", key());
        node.put("pushName", pushName).put("status", status);
        node.set("message", content.message().deepCopy());
        node.set("contextInfo", contextInfo == null ? null : contextInfo.deepCopy());
        node.put("messageType", content.messageType()).put("messageTimestamp", at.getEpochSecond())
                .put("instanceId", instanceId).put("source", source);
        return node;
    }

    /** A findMessages record: the prepared message with Evolution's database id and its receipts. */
    ObjectNode record() {
        var node = JsonNodeFactory.instance.objectNode().put("id", dbId);
        node.setAll(prepared());
        node.remove("status");
        node.putArray("MessageUpdate").addObject().put("status", status);
        return node;
    }

    SandboxPhone.PhoneMessage phone() {
        var media = content.media();
        return new SandboxPhone.PhoneMessage(id, author == Author.CUSTOMER, content.kind(), content.text(),
                media == null ? null : media.id(), media == null ? null : media.mimeType(),
                media == null ? null : media.filename(), content.voice(), phoneStatus, at);
    }
}
