package app.conversa.identity;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo mode only (refused outside the embedded database, see RunModeGuard): two departments and
 * one user per role, with the published passwords listed in the README and on the sign-in page.
 */
@Component
@Order(1)
@ConditionalOnBooleanProperty("conversa.demo.enabled")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    record DemoAccount(Role role, String login, String password, String displayName, String department) { }

    // Demo-only credentials: published on purpose, never created outside demo mode.
    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount(Role.ADMINISTRATOR, "admin", "conversa-demo", "Ana Administradora", null),
            new DemoAccount(Role.SUPERVISOR, "supervisor", "conversa-demo", "Sofía Supervisora", "Cobranzas"),
            new DemoAccount(Role.AGENT, "agent", "conversa-demo", "Carlos Agente", "Cobranzas"),
            new DemoAccount(Role.AGENT, "agent2", "conversa-demo", "Lucía Agente", "Atención al cliente"));

    private final UserRepository users;
    private final DepartmentRepository departments;
    private final Passwords passwords;
    private final Clock clock;

    DemoData(UserRepository users, DepartmentRepository departments, Passwords passwords, Clock clock) {
        this.users = users;
        this.departments = departments;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        var now = clock.instant();
        Map<String, Long> departmentIds = Map.of(
                "Cobranzas", departments.save(new Department("Cobranzas", "Gestión de cartera vencida", now)).id(),
                "Atención al cliente", departments.save(new Department("Atención al cliente", "Consultas y reclamos", now)).id());
        for (var account : ACCOUNTS) {
            Set<Long> memberOf = account.department() == null ? Set.of() : Set.of(departmentIds.get(account.department()));
            var profile = new User.Profile(account.displayName(), null, account.role(), "es", memberOf);
            users.save(new User(account.login(), profile, passwords.hashNew(account.password(), account.login()), false, now));
        }
        log.info("Demo mode: created {} demo users (see README for their passwords)", ACCOUNTS.size());
    }
}
