package app.conversa.channels;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

public interface ConnectionRepository extends Repository<Connection, Long> {

    Connection save(Connection connection);

    Optional<Connection> findById(long id);

    List<Connection> findAllByOrderByName();

    Optional<Connection> findByProviderAndPhoneNumberId(Provider provider, String phoneNumberId);

    boolean existsByProviderAndPhoneNumberId(Provider provider, String phoneNumberId);

    boolean existsByProviderAndPhoneNumberIdAndIdNot(Provider provider, String phoneNumberId, long id);
}
