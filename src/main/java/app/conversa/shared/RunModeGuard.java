package app.conversa.shared;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start in an unsafe combination, before anything connects anywhere: production
 * ({@code prod} profile) without its database settings or with a demo setting on, and demo mode
 * against anything but the embedded database (demo users have published passwords).
 */
class RunModeGuard implements EnvironmentPostProcessor, Ordered {

    static final String DEMO = "conversa.demo.enabled";
    static final String SANDBOX = "conversa.sandbox.enabled";

    /** After every other processor, so it judges the final settings. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        var problems = new ArrayList<String>();
        boolean demo = env.getProperty(DEMO, Boolean.class, false);
        String url = env.getProperty("spring.datasource.url", "");
        if (env.acceptsProfiles(Profiles.of("prod"))) {
            requireSet(env, "spring.datasource.url", "CONVERSA_DB_URL", problems);
            requireSet(env, "spring.datasource.username", "CONVERSA_DB_USER", problems);
            requireSet(env, "spring.datasource.password", "CONVERSA_DB_PASSWORD", problems);
            requireSet(env, "conversa.encryption.key", "CONVERSA_ENCRYPTION_KEY", problems);
            if (demo) {
                problems.add("demo mode is on (conversa.demo.enabled=true); production never runs demo data");
            }
            if (env.getProperty(SANDBOX, Boolean.class, false)) {
                problems.add("the WhatsApp sandbox is on (conversa.sandbox.enabled=true); production talks to real providers only");
            }
            if (url.startsWith("jdbc:h2:")) {
                problems.add("the embedded H2 database is for demo and tests; set CONVERSA_DB_URL to PostgreSQL");
            }
        } else if (demo && !url.startsWith("jdbc:h2:")) {
            problems.add("demo mode refuses to run against " + withoutCredentials(url)
                    + ": demo users have published passwords. Use the prod profile for a real database");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Conversa refuses to start: " + String.join("; ", problems));
        }
    }

    /** The URL without user info or query string, where JDBC URLs carry passwords. */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@]*@", "//").replaceAll("[?;].*$", "");
    }

    private static void requireSet(ConfigurableEnvironment env, String property, String variable, List<String> problems) {
        if (env.getProperty(property, "").isBlank()) {
            problems.add(variable + " is not set");
        }
    }
}
