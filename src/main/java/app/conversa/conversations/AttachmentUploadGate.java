package app.conversa.conversations;

import app.conversa.identity.CurrentUser;
import app.conversa.shared.ConversaException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Decides on an attachment before its body is read (multipart is resolved lazily,
 * {@code spring.servlet.multipart.resolve-lazily}): a chat the caller may not see answers 404, and
 * a request longer than the largest file WhatsApp takes answers 413, without receiving the upload.
 * Runs after the permission check ({@code AuthorizationBeforeBinding}).
 */
@Configuration(proxyBeanMethods = false)
class AttachmentUploadGate implements WebMvcConfigurer, HandlerInterceptor {

    /** Room for the form fields (idempotency key, caption) and the multipart boundaries around the file. */
    private static final long FORM_OVERHEAD = 64 * 1024;

    private final ChatQueries queries;

    AttachmentUploadGate(ChatQueries queries) {
        this.queries = queries;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/chats/*/attachments").order(2);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        Long chatId = chatId(request);
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user) || chatId == null) {
            return true; // nothing to decide here: security or binding refuses the request
        }
        queries.requireVisible(user, chatId);
        if (request.getContentLengthLong() > AttachmentTypes.LARGEST + FORM_OVERHEAD) {
            throw new ConversaException(HttpStatus.CONTENT_TOO_LARGE, "message.upload_too_large",
                    AttachmentTypes.LARGEST / (1024 * 1024));
        }
        return true;
    }

    private static Long chatId(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)) {
            return null;
        }
        try {
            return Long.valueOf(String.valueOf(variables.get("chatId")));
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }
}
