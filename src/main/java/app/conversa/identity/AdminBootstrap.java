package app.conversa.identity;

import app.conversa.shared.ConversaException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outside demo mode, creates the first administrator when there is no user at all: with the
 * password from CONVERSA_ADMIN_PASSWORD, or else a one-time password printed once to the log.
 * Either way it is temporary and must be changed at first sign-in. No default password exists.
 */
@Component
@Order(1)
@ConditionalOnBooleanProperty(name = "conversa.demo.enabled", havingValue = false, matchIfMissing = true)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final Passwords passwords;
    private final Clock clock;
    private final MessageSource messages;
    private final String login;
    private final String configuredPassword;

    AdminBootstrap(UserRepository users, Passwords passwords, Clock clock, MessageSource messages,
            @Value("${conversa.bootstrap-admin.login:admin}") String login,
            @Value("${conversa.bootstrap-admin.password:}") String configuredPassword) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
        this.messages = messages;
        this.login = login.strip().toLowerCase(Locale.ROOT);
        this.configuredPassword = configuredPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? oneTimePassword() : configuredPassword;
        var profile = new User.Profile("Administrator", null, Role.ADMINISTRATOR, "es", Set.of());
        users.save(new User(login, profile, hash(password), true, clock.instant()));
        if (generated) {
            log.warn("""

                    ================================================================
                    First administrator created.  login: {}   one-time password: {}
                    Sign in and choose a new password; this one is shown only once.
                    ================================================================""", login, password);
        } else {
            log.warn("First administrator '{}' created with CONVERSA_ADMIN_PASSWORD; it must be changed at first sign-in", login);
        }
    }

    private String hash(String password) {
        try {
            return passwords.hashNew(password, login);
        } catch (ConversaException broken) {
            throw new AdminPasswordRefused(messages.getMessage("problem." + broken.code(), broken.args(), Locale.ENGLISH));
        }
    }

    private static String oneTimePassword() {
        var bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
