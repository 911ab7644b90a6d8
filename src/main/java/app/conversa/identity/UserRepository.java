package app.conversa.identity;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface UserRepository extends Repository<User, Long>, JpaSpecificationExecutor<User> {

    User save(User user);

    Optional<User> findById(long id);

    Optional<User> findByLogin(String login);

    boolean existsByLogin(String login);

    List<User> findAllByIdIn(Collection<Long> ids);

    long count();

    /**
     * Locks the active administrators' rows (in id order, so concurrent callers cannot deadlock):
     * a second demotion waits until the first commits, then counts again.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from User u where u.role = app.conversa.identity.Role.ADMINISTRATOR and u.active = true order by u.id")
    List<User> lockActiveAdministrators();

    @Query("select count(u) from User u where u.role = app.conversa.identity.Role.ADMINISTRATOR and u.active = true and u.id <> :id")
    long countOtherActiveAdministrators(long id);

    @Query("select u from User u join u.departmentIds d where d = :departmentId")
    List<User> findMembersOf(long departmentId);
}
