package app.conversa.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

interface DepartmentRepository extends Repository<Department, Long> {

    Department save(Department department);

    Optional<Department> findById(long id);

    boolean existsByNameKey(String nameKey);

    boolean existsByNameKeyAndIdNot(String nameKey, long id);

    List<Department> findAllByOrderByName();

    List<Department> findAllByIdInOrderByName(Collection<Long> ids);
}
