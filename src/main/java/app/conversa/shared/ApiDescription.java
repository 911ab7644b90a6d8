package app.conversa.shared;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description's header; the operations come from the controllers. The web app's
 * TypeScript types are generated from it (web/openapi.json, kept current by a test).
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    @Bean
    OpenAPI conversaApi() {
        return new OpenAPI()
                .info(new Info().title("Conversa API").version("v1")
                        .description("""
                                REST API of Conversa, the WhatsApp CRM and team inbox. The web app signs in with a \
                                session cookie and sends the XSRF-TOKEN cookie's value in X-XSRF-TOKEN on every \
                                change. Other systems send an API token instead (`Authorization: Bearer cva_…`, \
                                created under My account; no CSRF header then); a token has only the permissions \
                                it was given, and never more than its owner has. Errors are RFC 9457 problem \
                                details with a stable `code` and a `detail` in the language of Accept-Language \
                                (es or en).""")
                        .license(new License().name("Open source")))
                .servers(List.of(new Server().url("/").description("This Conversa server")))
                .components(new io.swagger.v3.oas.models.Components().addSecuritySchemes("apiToken",
                        new io.swagger.v3.oas.models.security.SecurityScheme()
                                .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token: cva_ and 43 characters")))
                .addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("apiToken"));
    }

    /**
     * A reference to another schema cannot carry {@code nullable} itself: a property marked
     * {@code @Schema(nullable = true)} whose type is another record becomes "that record or null".
     */
    @Bean
    org.springdoc.core.customizers.PropertyCustomizer nullableReferences() {
        return (property, type) -> {
            if (property == null || property.get$ref() == null || type.getCtxAnnotations() == null) {
                return property;
            }
            boolean nullable = java.util.Arrays.stream(type.getCtxAnnotations())
                    .anyMatch(a -> a instanceof io.swagger.v3.oas.annotations.media.Schema schema && schema.nullable());
            if (!nullable) {
                return property;
            }
            var either = new io.swagger.v3.oas.models.media.Schema<>(); // OpenAPI 3.0: allOf the reference, nullable
            either.allOf(List.of(new io.swagger.v3.oas.models.media.Schema<>().$ref(property.get$ref())));
            either.setNullable(true);
            return either;
        };
    }

    /**
     * Jackson writes every property of a response, null or not, so every property of a response
     * schema ({@code …Response}, {@code …View}, {@code CursorPage…}) is required; those that may be null say so
     * with {@code @Schema(nullable = true)}.
     */
    @Bean
    OpenApiCustomizer responsesHaveAllTheirProperties() {
        return api -> api.getComponents().getSchemas().forEach((name, schema) -> {
            if ((name.endsWith("Response") || name.endsWith("View") || name.startsWith("CursorPage")) && schema.getProperties() != null) {
                schema.setRequired(new ArrayList<>(new TreeSet<String>(schema.getProperties().keySet())));
            }
        });
    }
}
