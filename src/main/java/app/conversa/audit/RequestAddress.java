package app.conversa.audit;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The client address of the HTTP request being served (proxies are resolved by server.forward-headers-strategy). */
final class RequestAddress {

    private RequestAddress() {
    }

    static String current() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr()
                : null;
    }
}
