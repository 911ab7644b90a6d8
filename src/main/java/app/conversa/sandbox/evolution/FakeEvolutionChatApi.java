package app.conversa.sandbox.evolution;

import java.util.Base64;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake gateway's message and chat routes (B5, B6): sendText, sendMedia and sendWhatsAppAudio
 * (201, the prepared message; a closed link answers 500 "Connection Closed", a number that is not
 * on WhatsApp 400 with {@code exists:false}), whatsappNumbers, markMessageAsRead,
 * getBase64FromMediaMessage and the find routes the app syncs from.
 */
@RestController
@ConditionalOnBooleanProperty(name = "conversa.sandbox.enabled")
@RequestMapping("/sandbox/evolution")
class FakeEvolutionChatApi {

    private final EvolutionInstances instances;
    private final EvolutionMessages messages;
    private final EvolutionFinder finder;
    private final EvolutionOutbox outbox;
    private final EvolutionContacts contacts;

    FakeEvolutionChatApi(EvolutionInstances instances, EvolutionMessages messages, EvolutionFinder finder,
            EvolutionOutbox outbox, EvolutionContacts contacts) {
        this.instances = instances;
        this.messages = messages;
        this.finder = finder;
        this.outbox = outbox;
        this.contacts = contacts;
    }

    @PostMapping("/message/sendText/{instanceName}")
    ResponseEntity<ObjectNode> sendText(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        var instance = instances.authorize(apikey, instanceName);
        JsonNode request = orEmpty(body);
        String number = EvolutionError.require(request, "instance", "number");
        String text = EvolutionError.require(request, "instance", "text");
        if (text.isBlank()) {
            throw EvolutionError.badRequest("Text is required");
        }
        return created(outbox.send(instance, request, number, EvolutionPayloads.text(text)));
    }

    @PostMapping("/message/sendMedia/{instanceName}")
    ResponseEntity<ObjectNode> sendMedia(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        var instance = instances.authorize(apikey, instanceName);
        JsonNode request = orEmpty(body);
        String number = EvolutionError.require(request, "instance", "number");
        String mediatype = EvolutionError.require(request, "instance", "mediatype");
        String media = EvolutionError.require(request, "instance", "media");
        if (!java.util.List.of("image", "video", "document", "audio").contains(mediatype)) {
            throw EvolutionError.schema("instance.mediatype is not one of enum values: image,document,video,audio");
        }
        var content = outbox.media(instance, mediatype, media, request.path("mimetype").asString(null),
                request.path("fileName").asString(null), request.path("caption").asString(null), false);
        return created(outbox.send(instance, request, number, content));
    }

    @PostMapping("/message/sendWhatsAppAudio/{instanceName}")
    ResponseEntity<ObjectNode> sendWhatsAppAudio(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        var instance = instances.authorize(apikey, instanceName);
        JsonNode request = orEmpty(body);
        String number = EvolutionError.require(request, "instance", "number");
        String audio = EvolutionError.require(request, "instance", "audio");
        var content = outbox.media(instance, "audio", audio, "audio/ogg; codecs=opus", null, null, true);
        return created(outbox.send(instance, request, number, content));
    }

    /** The number check on its own: which numbers are on WhatsApp (here: every number of 8 to 15 digits). */
    @PostMapping("/chat/whatsappNumbers/{instanceName}")
    ArrayNode whatsappNumbers(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        instances.authorize(apikey, instanceName);
        JsonNode request = orEmpty(body);
        EvolutionError.require(request, "instance", "numbers");
        var rows = JsonNodeFactory.instance.arrayNode();
        request.path("numbers").forEach(number -> {
            String digits = number.asString("").replaceAll("\\D", "");
            rows.addObject().put("jid", digits + "@s.whatsapp.net").put("exists", digits.matches("\\d{8,15}"))
                    .put("number", number.asString(""));
        });
        return rows;
    }

    @PostMapping("/chat/markMessageAsRead/{instanceName}")
    ResponseEntity<Map<String, String>> markMessageAsRead(
            @RequestHeader(name = "apikey", required = false) String apikey, @PathVariable String instanceName,
            @RequestBody(required = false) JsonNode body) {
        var instance = instances.authorize(apikey, instanceName);
        JsonNode request = orEmpty(body);
        EvolutionError.require(request, "instance", "readMessages");
        request.path("readMessages").forEach(key -> messages.markRead(instance, key.path("id").asString("")));
        return ResponseEntity.status(201).body(Map.of("message", "Read messages", "read", "success"));
    }

    @PostMapping("/chat/getBase64FromMediaMessage/{instanceName}")
    ResponseEntity<ObjectNode> getBase64FromMediaMessage(
            @RequestHeader(name = "apikey", required = false) String apikey, @PathVariable String instanceName,
            @RequestBody(required = false) JsonNode body) {
        var instance = instances.authorize(apikey, instanceName);
        String id = orEmpty(body).path("message").path("key").path("id").asString("");
        var message = messages.findWithMedia(instance, id).orElseThrow(() -> EvolutionError.badRequest("Message not found"));
        var item = message.content().media();
        if (item == null) {
            throw EvolutionError.badRequest("The message is not of the media type");
        }
        var media = message.content().message().path(message.content().messageType());
        var answer = JsonNodeFactory.instance.objectNode().put("mediaType", message.content().messageType())
                .put("fileName", EvolutionPayloads.fileName(message));
        if (media.has("caption")) {
            answer.put("caption", media.path("caption").asString());
        }
        var size = answer.putObject("size").put("fileLength", media.path("fileLength").asString());
        if (media.has("height")) {
            size.put("height", media.path("height").asInt()).put("width", media.path("width").asInt());
        }
        answer.put("mimetype", item.mimeType()).put("base64", Base64.getEncoder().encodeToString(item.content()));
        return created(answer);
    }

    @PostMapping("/chat/findMessages/{instanceName}")
    ObjectNode findMessages(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        return finder.messages(instances.authorize(apikey, instanceName), orEmpty(body));
    }

    @PostMapping("/chat/findChats/{instanceName}")
    ArrayNode findChats(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        return finder.chats(instances.authorize(apikey, instanceName), orEmpty(body));
    }

    @PostMapping("/chat/findContacts/{instanceName}")
    ArrayNode findContacts(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        return finder.contacts(instances.authorize(apikey, instanceName), orEmpty(body));
    }

    /** Errors while asking WhatsApp are swallowed by Evolution: an unknown picture is null. */
    @PostMapping("/chat/fetchProfilePictureUrl/{instanceName}")
    ObjectNode fetchProfilePictureUrl(@RequestHeader(name = "apikey", required = false) String apikey,
            @PathVariable String instanceName, @RequestBody(required = false) JsonNode body) {
        var instance = instances.authorize(apikey, instanceName);
        String number = EvolutionError.require(orEmpty(body), "instance", "number");
        String wuid = number.contains("@") ? number : number.replaceAll("\\D", "") + "@s.whatsapp.net";
        return JsonNodeFactory.instance.objectNode().put("wuid", wuid).put("profilePictureUrl",
                contacts.find(instance.id(), wuid).map(EvolutionContacts.Contact::profilePicUrl).orElse(null));
    }

    private static JsonNode orEmpty(JsonNode body) {
        return body == null ? NullNode.instance : body;
    }

    private static <T> ResponseEntity<T> created(T body) {
        return ResponseEntity.status(201).body(body);
    }
}
