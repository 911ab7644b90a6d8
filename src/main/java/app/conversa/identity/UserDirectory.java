package app.conversa.identity;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Looks users up for other modules and for the per-request refresh of the signed-in user. */
@Service
public class UserDirectory {

    private final UserRepository users;
    private final PermissionMatrix matrix;

    UserDirectory(UserRepository users, PermissionMatrix matrix) {
        this.users = users;
        this.matrix = matrix;
    }

    /** The user as signed in now, or empty when the user no longer exists or is inactive. */
    @Transactional(readOnly = true)
    public Optional<CurrentUser> currentUser(long id) {
        return users.findById(id).filter(User::active).map(user -> new CurrentUser(user.id(), user.login(),
                user.displayName(), user.email(), user.role(), user.language(), user.departmentIds(),
                matrix.of(user.role()), user.mustChangePassword()));
    }
}
