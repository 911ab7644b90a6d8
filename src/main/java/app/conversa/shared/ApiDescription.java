package app.conversa.shared;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's header; the operations come from the controllers. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    @Bean
    OpenAPI conversaApi() {
        return new OpenAPI()
                .info(new Info().title("Conversa API").version("v1")
                        .description("""
                                REST API of Conversa, the WhatsApp CRM and team inbox. The web app signs in with a \
                                session cookie and sends the XSRF-TOKEN cookie's value in X-XSRF-TOKEN on every \
                                change. Errors are RFC 9457 problem details with a stable `code` and a `detail` in \
                                the language of Accept-Language (es or en).""")
                        .license(new License().name("Open source")))
                .servers(List.of(new Server().url("/").description("This Conversa server")));
    }
}
