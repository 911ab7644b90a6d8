package app.conversa.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/** A group of agents: a supervisor's scope and, later, a routing target. Never deleted. */
@Entity
@Table(name = "departments")
class Department {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String nameKey;
    private String description;
    private boolean active;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected Department() {
    }

    Department(String name, String description, Instant now) {
        this.active = true;
        this.createdAt = now;
        rename(name, description, now);
    }

    void rename(String newName, String newDescription, Instant now) {
        this.name = newName.strip();
        this.nameKey = keyOf(newName);
        this.description = newDescription == null || newDescription.isBlank() ? null : newDescription.strip();
        this.updatedAt = now;
    }

    void inactivate(Instant now) {
        this.active = false;
        this.updatedAt = now;
    }

    void reactivate(Instant now) {
        this.active = true;
        this.updatedAt = now;
    }

    /** Names are unique regardless of case and surrounding spaces. */
    static String keyOf(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    Long id() { return id; }
    String name() { return name; }
    String description() { return description; }
    boolean active() { return active; }
}
