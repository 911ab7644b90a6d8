package app.conversa.audit;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

interface CriticalEventRepository extends Repository<CriticalEvent, Long>, JpaSpecificationExecutor<CriticalEvent> {

    CriticalEvent save(CriticalEvent event);
}
