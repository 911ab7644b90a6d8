package app.conversa.shared;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses, for every API endpoint at once, a query parameter that holds a control character (a NUL,
 * an escape): no filter, search or cursor has one, and the conversions would otherwise read "\0" as
 * an absent filter or pass it on to the database. Runs after the permission check (a caller without
 * permission still gets 403). Only the query string is read: reading the parameters would parse a
 * multipart body before its endpoint has checked the caller's scope.
 */
@Configuration(proxyBeanMethods = false)
class QueryParameterGuard implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**").order(1);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String query = request.getQueryString();
        if (query == null) {
            return true;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (value == null || name == null || hasControlCharacter(name) || hasControlCharacter(value)) {
                throw ConversaException.invalid("request.bad_parameter", name == null ? "?" : name.replaceAll("\\p{Cntrl}", ""));
            }
        }
        return true;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
