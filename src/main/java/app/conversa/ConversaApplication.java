package app.conversa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Conversa: a WhatsApp CRM and team inbox. One application; one package per module below this one. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConversaApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConversaApplication.class, args);
    }
}
