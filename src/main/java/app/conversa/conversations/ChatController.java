package app.conversa.conversations;

import app.conversa.conversations.ChatViews.ChatView;
import app.conversa.conversations.ChatViews.MessageView;
import app.conversa.identity.CurrentUser;
import app.conversa.shared.CursorPage;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Chats and their messages; every call sees only the chats {@link ChatVisibility} allows. */
@RestController
@Validated
@Tag(name = "Chats")
@RequestMapping("/api/chats")
class ChatController {

    private final ChatQueries queries;
    private final Conversations conversations;
    private final ChatWork work;

    ChatController(ChatQueries queries, Conversations conversations, ChatWork work) {
        this.work = work;
        this.queries = queries;
        this.conversations = conversations;
    }

    /**
     * The chats the user may see, by last activity, narrowed by any combination of state, scope
     * (mine: assigned to me or participating; unassigned), assigned agent, department, connection,
     * contact and a search (contact name or phone digits).
     */
    @GetMapping
    @PreAuthorize("hasAuthority('chats.read')")
    CursorPage<ChatView> chats(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String before,
            @RequestParam(defaultValue = "25") @Min(1) @Max(100) int size,
            @RequestParam(required = false) java.util.List<ChatState> state,
            @RequestParam(defaultValue = "ALL") ChatQueries.ChatFilter.Scope scope,
            @RequestParam(required = false) Long assignee,
            @RequestParam(required = false) Long department,
            @RequestParam(required = false) Long connection,
            @RequestParam(required = false) Long contact,
            @RequestParam(required = false) @Size(max = 100) String q) {
        // a blank "state=" reads as no state, as a blank single filter does
        var states = state == null ? java.util.List.<ChatState>of() : state.stream().filter(java.util.Objects::nonNull).toList();
        var filter = new ChatQueries.ChatFilter(states, scope, assignee, department,
                connection, contact, q);
        return queries.chats(user, filter, before, size);
    }

    /** The pending-reply badge and the unassigned count over the chats the user may see. */
    @GetMapping("/counters")
    @PreAuthorize("hasAuthority('chats.read')")
    ChatViews.ChatCountersView counters(@AuthenticationPrincipal CurrentUser user) {
        return queries.counters(user);
    }

    @GetMapping("/{chatId}")
    @PreAuthorize("hasAuthority('chats.read')")
    ChatView chat(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId) {
        return queries.chat(user, chatId);
    }

    @GetMapping("/{chatId}/messages")
    @PreAuthorize("hasAuthority('chats.read')")
    CursorPage<MessageView> messages(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return queries.messages(user, chatId, before, size);
    }

    record SendMessageRequest(
            @Schema(description = "Chosen by the client, unique per message; repeating it returns the first message")
            @NotBlank @Size(max = 100) String idempotencyKey,
            @NotBlank @Size(max = Conversations.MAX_TEXT) String text,
            @Schema(description = "A note for colleagues: stored in the chat, never sent", nullable = true) Boolean privateNote,
            @Size(max = 200) String replyToProviderId) {
    }

    /** Queues a text message (202: the sender delivers it) or stores a private note. */
    @PostMapping("/{chatId}/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('messages.send')")
    MessageView send(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId,
            @jakarta.validation.Valid @RequestBody SendMessageRequest request) {
        return conversations.write(user, chatId, new Conversations.Draft(request.idempotencyKey(), request.text(),
                Boolean.TRUE.equals(request.privateNote()), request.replyToProviderId()));
    }

    /** Queues a file: JPEG/PNG images, PDF documents, audio; {@code voice} for a recorded voice note (OGG/Opus). */
    @PostMapping(path = "/{chatId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('messages.send')")
    MessageView attach(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId,
            @RequestPart("file") MultipartFile file, @RequestParam String idempotencyKey,
            @RequestParam(required = false) String caption, @RequestParam(defaultValue = "false") boolean voice) {
        return conversations.attach(user, chatId, new Conversations.Attachment(idempotencyKey, file, file.getSize(),
                file.getContentType(), file.getOriginalFilename(), caption, voice));
    }

    @PostMapping("/{chatId}/messages/{messageId}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('messages.send')")
    MessageView retry(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId, @PathVariable long messageId) {
        return conversations.retry(user, chatId, messageId);
    }

    record AssignmentRequest(@Schema(nullable = true, description = "null: nobody") Long userId) {
    }

    /** Gives the chat to a user, or to nobody; the previous holder loses sight of it at once. */
    @PostMapping("/{chatId}/assignment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('chats.assign')")
    void assign(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId,
            @RequestBody AssignmentRequest request) {
        work.assign(user, chatId, request.userId());
    }

    /** Takes a NEW chat nobody holds, from the queue of one's departments. */
    @PostMapping("/{chatId}/take")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('chats.take')")
    void take(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId) {
        work.take(user, chatId);
    }

    record ParticipantRequest(long userId) {
    }

    /** Adds an extra agent who may see and write in the chat. */
    @PostMapping("/{chatId}/participants")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('chats.assign')")
    void addParticipant(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId,
            @RequestBody ParticipantRequest request) {
        work.addParticipant(user, chatId, request.userId());
    }

    @DeleteMapping("/{chatId}/participants/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('chats.assign')")
    void removeParticipant(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId, @PathVariable long userId) {
        work.removeParticipant(user, chatId, userId);
    }

    record StateRequest(@Schema(description = "PENDING parks the chat; IN_PROGRESS resumes or reopens it") ChatState state) {
    }

    /** Parks, resumes or reopens the chat (closing is {@code /close}). */
    @PostMapping("/{chatId}/state")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('messages.send')")
    void changeState(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId,
            @jakarta.validation.Valid @RequestBody StateRequest request) {
        if (request.state() == null) {
            throw app.conversa.shared.ConversaException.invalid("chat.state_invalid", "null");
        }
        work.changeState(user, chatId, request.state());
    }

    /** Closes the chat, sending the connection's farewell message. */
    @PostMapping("/{chatId}/close")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('messages.send')")
    void close(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId) {
        work.close(user, chatId);
    }

    @PostMapping("/{chatId}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('chats.read')")
    void read(@AuthenticationPrincipal CurrentUser user, @PathVariable long chatId) {
        conversations.read(user, chatId);
    }
}
