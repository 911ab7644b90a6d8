package app.conversa.conversations;

import app.conversa.channels.DeliveryStatus;
import app.conversa.channels.MessageKind;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the API shows of chats and messages. */
final class ChatViews {

    private ChatViews() {
    }

    record ContactView(long id, String displayName, @Schema(nullable = true) String phone) {
    }

    record ChatView(long id, long connectionId, String connectionName, ContactView contact, ChatState state,
            @Schema(nullable = true) Long departmentId, @Schema(nullable = true) Long assignedUserId,
            @Schema(nullable = true) String assignedUserName, List<ParticipantView> participants, int pendingReplies,
            Instant lastMessageAt, @Schema(nullable = true) Instant lastInboundAt, boolean windowOpen,
            @Schema(nullable = true) MessageView lastMessage) {

        List<Long> participantIds() {
            return participants.stream().map(ParticipantView::id).toList();
        }
    }

    /** An extra agent on a chat. */
    record ParticipantView(long id, String displayName) {
    }

    /** The badges: what awaits a reply, what awaits someone to take it, among the chats the user may see. */
    record ChatCountersView(long pendingReplies, long chatsAwaitingReply, long unassigned) {
    }

    record MediaView(long id, String mimeType, @Schema(nullable = true) String filename,
            @Schema(nullable = true) Long sizeBytes, boolean voice, boolean ready, boolean failed) {
    }

    enum Direction { IN, OUT }

    enum AuthorType { CUSTOMER, AGENT, BOT, SYSTEM, PHONE }

    record MessageView(long id, long chatId, Direction direction, MessageKind kind, AuthorType authorType,
            @Schema(nullable = true) Long authorUserId, @Schema(nullable = true) String authorName, boolean privateNote,
            @Schema(nullable = true) String text, Map<String, Object> details, @Schema(nullable = true) MediaView media,
            @Schema(nullable = true, description = "WhatsApp's id of the message; replies point at it")
            String providerMessageId,
            @Schema(nullable = true) String replyToProviderId, DeliveryStatus status,
            @Schema(nullable = true) Instant sentAt, @Schema(nullable = true) Instant deliveredAt,
            @Schema(nullable = true) Instant readAt, @Schema(nullable = true) Instant failedAt,
            @Schema(nullable = true) String errorCode, @Schema(nullable = true) String errorReason, Instant createdAt) {
    }
}
