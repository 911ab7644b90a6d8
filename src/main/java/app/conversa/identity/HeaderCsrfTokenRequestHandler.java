package app.conversa.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * What {@code csrf.spa()} installs (Spring Security's SpaCsrfTokenRequestHandler: the token loaded
 * on every request and exposed XOR-masked, the SPA's X-XSRF-TOKEN header compared as is), except
 * that the token is read from that header only. The SPA and Swagger UI always send it; looking for a
 * {@code _csrf} request parameter instead would parse a whole multipart upload (up to 100 MB, to
 * disk) before the request is refused, and no page here posts such a form.
 */
final class HeaderCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
    private final XorCsrfTokenRequestAttributeHandler xor = new XorCsrfTokenRequestAttributeHandler();

    HeaderCsrfTokenRequestHandler() {
        xor.setCsrfRequestAttributeName(null); // as csrf.spa(): the token (and its cookie) on every request
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        xor.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        return StringUtils.hasText(request.getHeader(token.getHeaderName())) ? plain.resolveCsrfTokenValue(request, token) : null;
    }
}
