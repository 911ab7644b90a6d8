package app.conversa.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How many failed logins, per login and per client address, are allowed within the window. */
@ConfigurationProperties("conversa.security.login-throttle")
record LoginThrottleSettings(Duration window, int maxFailuresPerLogin, int maxFailuresPerAddress) {
}
