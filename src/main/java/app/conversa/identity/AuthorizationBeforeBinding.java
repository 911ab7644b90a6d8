package app.conversa.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Evaluates a controller's {@code @PreAuthorize} before its arguments are bound and validated, so a
 * caller without the permission gets 403 and never a 400 that describes the request body. Method
 * security still checks the same annotation at invocation.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationBeforeBinding implements WebMvcConfigurer, HandlerInterceptor {

    private final PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            var decision = preAuthorize.authorize(SecurityContextHolder.getContext()::getAuthentication, invocation(method));
            if (decision != null && !decision.isGranted()) {
                throw new AccessDeniedException("Access denied");
            }
        }
        return true;
    }

    /** The handler method as a method invocation without arguments: our rules name permissions, not arguments. */
    private static MethodInvocation invocation(HandlerMethod handler) {
        return new org.springframework.security.util.SimpleMethodInvocation(handler.getBean(), handler.getMethod());
    }
}
