package app.conversa;

import java.util.HashMap;
import java.util.UUID;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test application context a fresh database of its own: an in-memory H2 database, or,
 * with {@code CONVERSA_TEST_DB=postgresql}, a new schema in the PostgreSQL database
 * {@code conversa_test} (override with {@code CONVERSA_TEST_PG_URL}). Demo mode always runs on H2,
 * because Conversa refuses demo mode on any other database.
 */
public class IsolatedTestDatabase implements EnvironmentPostProcessor, Ordered {

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("conversa.test.isolated-database", Boolean.class, false)) {
            return;
        }
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        var properties = new HashMap<String, Object>();
        boolean demo = env.getProperty("conversa.demo.enabled", Boolean.class, false);
        if ("postgresql".equals(System.getenv("CONVERSA_TEST_DB")) && !demo) {
            String url = System.getenv().getOrDefault("CONVERSA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/conversa_test");
            properties.put("spring.datasource.url", url + "?currentSchema=" + name);
            properties.put("spring.datasource.username", System.getenv().getOrDefault("CONVERSA_TEST_PG_USER", "postgres"));
            properties.put("spring.datasource.password", System.getenv().getOrDefault("CONVERSA_TEST_PG_PASSWORD", ""));
            properties.put("spring.flyway.schemas", name);
        } else {
            properties.put("spring.datasource.url", "jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
                    + ";LOCK_TIMEOUT=10000"); // audit appends queue on the chain's head row (AuditChain)
            properties.put("spring.datasource.username", "sa");
            properties.put("spring.datasource.password", "");
        }
        env.getPropertySources().addFirst(new MapPropertySource("isolatedTestDatabase", properties));
    }
}
