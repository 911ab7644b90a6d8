package app.conversa;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.identity.Role;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every GET endpoint of the API, found from the application's own mappings (so a new endpoint is
 * walked too), called by an administrator with a table of bad values for each of its parameters
 * chosen by the parameter's type: over-long or NUL text, sizes of 0, -1, huge or not a number,
 * cursors, ids, states and dates that cannot be read. None may answer 5xx; each must answer a 400
 * problem with a code and a detail in the caller's language. A blank optional filter means "no
 * filter" (as Spring reads it), so it only has to answer without a 5xx.
 */
@IntegrationTest
class ListParametersIntegrationTests {

    private static final String NUL = "%00";
    private static final String HUGE_NUMBER = "99999999999999999999";

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Call(String path, boolean invalid) { }

    @Test
    void noBadParameterOfAnyGetEndpointAnswersA5xxAndEachIsAProblemInTheCallersLanguage() {
        var admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD)
                .inLanguage("es");
        var calls = calls();
        assertThat(calls).as("the walk found the list endpoints").extracting(Call::path)
                .anyMatch(p -> p.startsWith("/api/chats?")).anyMatch(p -> p.startsWith("/api/contacts/export?"))
                .anyMatch(p -> p.startsWith("/api/audit?")).anyMatch(p -> p.startsWith("/api/critical-events?"))
                .anyMatch(p -> p.startsWith("/api/users?")).anyMatch(p -> p.contains("/link-history"))
                .anyMatch(p -> p.startsWith("/api/clients?")).anyMatch(p -> p.contains("/messages?"));

        List<String> wrong = new ArrayList<>();
        for (var call : calls) {
            var response = admin.get(call.path());
            if (response.status() >= 500) {
                wrong.add(call.path() + " answered " + response.status() + " " + response.body());
            } else if (call.invalid() && (response.status() != 400 || response.code() == null
                    || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                    || response.json().path("detail").asString("").isBlank()
                    || !response.json().path("detail").asString("").matches(".*[áéíóúñ¿].*|.*(no es|no son|válid).*"))) {
                wrong.add(call.path() + " answered " + response.status() + " " + response.body());
            }
        }
        assertThat(wrong).as("of %d calls", calls.size()).isEmpty();
    }

    private List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!info.getMethodsCondition().getMethods().contains(RequestMethod.GET)) {
                return;
            }
            info.getPatternValues().stream().filter(p -> p.startsWith("/api/")).forEach(pattern -> calls.addAll(calls(pattern, method)));
        });
        return calls;
    }

    /** The endpoint with good parameters except one bad one at a time. */
    private static List<Call> calls(String pattern, HandlerMethod method) {
        List<Call> calls = new ArrayList<>();
        String good = pattern.replaceAll("\\{[^}]+}", "1");
        for (var parameter : method.getMethodParameters()) {
            var path = parameter.getParameterAnnotation(PathVariable.class);
            var query = parameter.getParameterAnnotation(RequestParam.class);
            if (path != null) {
                String name = path.value().isEmpty() ? parameter.getParameterName() : path.value();
                for (var bad : badValues(parameter, name).entrySet()) {
                    if (bad.getKey().contains(NUL)) {
                        continue; // Tomcat itself refuses a NUL in the path (400), before the application
                    }
                    String other = pattern.replace("{" + name + "}", bad.getKey()).replaceAll("\\{[^}]+}", "1");
                    calls.add(new Call(other, bad.getValue()));
                }
            } else if (query != null) {
                String name = query.value().isEmpty() ? parameter.getParameterName() : query.value();
                for (var bad : badValues(parameter, name).entrySet()) {
                    calls.add(new Call(good + "?" + name + "=" + bad.getKey(), bad.getValue()));
                }
            }
        }
        return calls;
    }

    /** Bad values for a parameter of this type, each marked whether it must be refused as invalid (400). */
    private static Map<String, Boolean> badValues(MethodParameter parameter, String name) {
        Class<?> type = parameter.getParameterType();
        if (Collection.class.isAssignableFrom(type)) {
            type = (Class<?>) ((java.lang.reflect.ParameterizedType) parameter.getGenericParameterType()).getActualTypeArguments()[0];
        }
        if (type == String.class) {
            return Map.of("x".repeat(101), true, "a" + NUL + "b", true, NUL, true);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            var values = new java.util.HashMap<String, Boolean>(Map.of("abc", true, HUGE_NUMBER, true, NUL, true, "1.5", true));
            if (name.equals("size")) {
                values.putAll(Map.of("0", true, "-1", true, "2147483648", true, "100000", true));
            } else {
                values.put("-1", false);
            }
            return values;
        }
        if (type.isEnum()) {
            return Map.of("UNKNOWN", true, NUL, true, "", false, "%20", false);
        }
        if (type == Boolean.class || type == boolean.class) {
            return Map.of("maybe", true, NUL, true, "", false);
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return Map.of("yesterday", true, "2026-13-45T00:00:00Z", true, NUL, true, "", false);
        }
        throw new AssertionError("No bad values known for a parameter of type " + type + " (" + name + ")");
    }
}
