package app.conversa.identity;

/** The three roles of PRODUCT.md R1; what each may do is the permission matrix, not this enum. */
public enum Role {
    ADMINISTRATOR, SUPERVISOR, AGENT;

    /** Administrator ranks above supervisor, supervisor above agent. */
    public boolean isAtLeast(Role other) {
        return ordinal() <= other.ordinal();
    }
}
