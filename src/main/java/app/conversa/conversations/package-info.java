/**
 * Chats and messages, first version: inbound events become contacts, chats (one open chat per
 * connection and contact) and messages (one per provider id); statuses move forward only;
 * message text and details are sealed at rest; pending-reply counts are kept incrementally.
 *
 * <p>Public API: the events in {@link app.conversa.conversations.ConversationEvent} (published
 * inside the transaction that made the change; other modules react with
 * {@code @ApplicationModuleListener}, durable through the event publication registry) and
 * {@link app.conversa.conversations.ChatVisibility} (who may see a chat). Depends on
 * {@code channels}, {@code contacts}, {@code identity}, {@code audit} and {@code shared}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "channels", "contacts", "identity", "realtime", "shared"})
package app.conversa.conversations;
