package app.conversa.identity;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Session-cookie sign-in for the web app with CSRF protection (the SPA echoes the XSRF-TOKEN
 * cookie in a header, never in the body: see {@link HeaderCsrfTokenRequestHandler}), permissions
 * checked on every endpoint with {@code @PreAuthorize}, strict security headers, and Argon2id
 * password hashes. Swagger UI is a page for signed-in users: signed out, it sends the browser to the
 * sign-in page, which comes back to it (there, "Authorize" takes an API token instead of the
 * session).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    static final String SWAGGER_UI = "/swagger-ui/index.html";

    @Bean
    SecurityFilterChain web(HttpSecurity http, SecurityProblems problems, UserDirectory directory,
            SecurityContextRepository contexts, ApiTokens tokens) throws Exception {
        http.csrf(csrf -> csrf.spa().csrfTokenRequestHandler(new HeaderCsrfTokenRequestHandler())
                        .ignoringRequestMatchers("/webhooks/**", "/sandbox/graph/**", "/sandbox/evolution/**")
                        // API tokens: nothing ambient (no cookie) authenticates such a request, see ApiTokenFilter
                        .ignoringRequestMatchers(ApiTokenFilter::presentsBearer))
                .securityContext(context -> context.securityContextRepository(contexts))
                // sessions begin at sign-in only: a refused request is not saved in a new session to replay later
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/public/**", "/error", "/webhooks/**").permitAll()
                        // the WhatsApp simulator (demo and tests only; absent in production): Meta's side and the customers' phones
                        .requestMatchers("/sandbox/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/login").permitAll()
                        .requestMatchers("/api/**", "/v3/**", "/ws", "/ws/**").authenticated()
                        .requestMatchers("/swagger-ui.html", SWAGGER_UI).authenticated()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Permission.SETTINGS_GLOBAL.code())
                        .anyRequest().permitAll())
                .addFilterAfter(new CurrentUserFilter(directory, problems), SecurityContextHolderFilter.class)
                .addFilterAfter(new ApiTokenFilter(tokens, problems), CurrentUserFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(signInFirstForSwaggerUi(problems))
                        .accessDeniedHandler(problems))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** A person opening Swagger UI signed out signs in first (an API answers a problem, not a redirect). */
    private static AuthenticationEntryPoint signInFirstForSwaggerUi(SecurityProblems problems) {
        return (request, response, refused) -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.equals("/swagger-ui.html") || path.equals(SWAGGER_UI)) {
                response.sendRedirect(request.getContextPath() + "/login?next=" + SWAGGER_UI);
            } else {
                problems.commence(request, response, refused);
            }
        };
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** A session row is written when its session changes, and only once a minute for its last access. */
    @Bean
    static BeanPostProcessor lazilyTouchedSessions() {
        return LazilyTouchedSessions.aroundTheStore();
    }

    /** Argon2id with OWASP's recommended minimum: 19 MiB, 2 iterations, 1 lane (16-byte salt, 32-byte hash). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    /** Sign-in goes through Logins; this keeps Boot from creating a default user with a generated password. */
    @Bean
    UserDetailsService noUserDetails() {
        return username -> {
            throw new org.springframework.security.core.userdetails.UsernameNotFoundException(username);
        };
    }
}
