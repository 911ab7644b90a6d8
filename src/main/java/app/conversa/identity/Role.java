package app.conversa.identity;

/** The three roles of PRODUCT.md R1; what each may do is the permission matrix, not this enum. */
public enum Role {
    ADMINISTRATOR, SUPERVISOR, AGENT
}
