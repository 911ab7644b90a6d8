package app.conversa.identity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person who signs in. Never deleted: inactivated, which also ends their sessions. */
@Entity
@Table(name = "users")
class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String login;
    private String displayName;
    private String email;
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Role role;
    private boolean active;
    private String language;
    private String passwordHash;
    private boolean mustChangePassword;
    private Instant lastLoginAt;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;
    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "user_departments", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "department_id")
    private Set<Long> departmentIds = new HashSet<>();

    protected User() {
    }

    User(String login, Profile profile, String passwordHash, boolean mustChangePassword, Instant now) {
        this.login = login;
        this.passwordHash = passwordHash;
        this.mustChangePassword = mustChangePassword;
        this.active = true;
        this.createdAt = now;
        apply(profile, now);
    }

    /** What an administrator edits about a user. */
    record Profile(String displayName, String email, Role role, String language, Set<Long> departmentIds) {

        Profile withDepartments(Set<Long> ids) {
            return new Profile(displayName, email, role, language, ids);
        }
    }

    void apply(Profile profile, Instant now) {
        this.displayName = profile.displayName().strip();
        this.email = profile.email() == null || profile.email().isBlank() ? null : profile.email().strip();
        this.role = profile.role();
        this.language = profile.language();
        this.departmentIds.clear();
        this.departmentIds.addAll(profile.departmentIds());
        this.updatedAt = now;
    }

    Profile profile() {
        return new Profile(displayName, email, role, language, Set.copyOf(departmentIds));
    }

    void inactivate(Instant now) {
        this.active = false;
        this.updatedAt = now;
    }

    void reactivate(Instant now) {
        this.active = true;
        this.updatedAt = now;
    }

    void changePassword(String newHash, boolean temporary, Instant now) {
        this.passwordHash = newHash;
        this.mustChangePassword = temporary;
        this.updatedAt = now;
    }

    void changeLanguage(String newLanguage, Instant now) {
        this.language = newLanguage;
        this.updatedAt = now;
    }

    void joinDepartment(long departmentId) {
        departmentIds.add(departmentId);
    }

    void leaveDepartment(long departmentId) {
        departmentIds.remove(departmentId);
    }

    void recordLogin(Instant now) {
        this.lastLoginAt = now;
    }

    boolean isActiveAdministrator() {
        return active && role == Role.ADMINISTRATOR;
    }

    boolean sharesDepartmentWith(Set<Long> others) {
        return departmentIds.stream().anyMatch(others::contains);
    }

    Long id() { return id; }
    String login() { return login; }
    String displayName() { return displayName; }
    String email() { return email; }
    Role role() { return role; }
    boolean active() { return active; }
    String language() { return language; }
    String passwordHash() { return passwordHash; }
    boolean mustChangePassword() { return mustChangePassword; }
    Instant lastLoginAt() { return lastLoginAt; }
    Instant createdAt() { return createdAt; }
    Set<Long> departmentIds() { return Set.copyOf(departmentIds); }
}
