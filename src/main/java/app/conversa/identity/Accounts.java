package app.conversa.identity;

import app.conversa.shared.ConversaException;
import org.springframework.stereotype.Service;

/** What every user may change about their own account: password and language. */
@Service
class Accounts {

    private final UserRepository users;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final AccountRecords records;

    Accounts(UserRepository users, Passwords passwords, LoginThrottle throttle, AccountRecords records) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.records = records;
    }

    /**
     * Changes the password and ends all of the user's sessions, this one included. The current
     * password is checked like a sign-in, throttled and, when wrong, audited, so a stolen session
     * cannot be used to guess it. Like a sign-in it is not one transaction (see Logins).
     */
    void changePassword(CurrentUser me, String currentPassword, String newPassword, String address) {
        String hash = users.findById(me.id()).orElseThrow().passwordHash();
        throttle.attempt(me.login(), address);
        if (!passwords.matches(currentPassword, hash)) {
            records.passwordChangeRefused(me);
            throw ConversaException.invalid("password.current_wrong");
        }
        if (passwords.matches(newPassword, hash)) {
            throw ConversaException.invalid("password.unchanged");
        }
        records.passwordChanged(me, passwords.hashNew(newPassword, me.login()));
    }

    void changeLanguage(CurrentUser me, String language) {
        records.languageChanged(me, language);
    }
}
