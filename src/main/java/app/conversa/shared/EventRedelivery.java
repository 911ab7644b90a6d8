package app.conversa.shared;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands events that a durable listener did not finish (it threw, or the node died while it ran and
 * the staleness check marked it failed) to their listener again, a batch at a time. Incomplete
 * events are also resubmitted when the application starts.
 */
@Component
class EventRedelivery {

    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

    private final FailedEventPublications failed;
    private final Duration minAge;

    EventRedelivery(FailedEventPublications failed,
            @Value("${conversa.events.redeliver-after:1m}") Duration minAge) {
        this.failed = failed;
        this.minAge = minAge;
    }

    @Scheduled(fixedDelayString = "${conversa.events.redelivery-interval:1m}",
            initialDelayString = "${conversa.events.redelivery-interval:1m}")
    void redeliver() {
        try {
            failed.resubmit(ResubmissionOptions.defaults().withMinAge(minAge).withBatchSize(100).withMaxInFlight(20));
        } catch (RuntimeException e) {
            log.warn("Could not resubmit failed event publications: {}", e.toString());
        }
    }
}
