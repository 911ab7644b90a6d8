package app.conversa.channels;

/** What other modules may know about a connection: never its secrets. */
public record ConnectionInfo(long id, String name, String displayNumber, Provider provider, Long departmentId,
        String welcomeMessage, String farewellMessage, boolean active) {
}
