package app.conversa;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every HTTP endpoint × {anonymous, agent, supervisor, administrator} against a declared table.
 * An endpoint without a row fails the test, so no new endpoint ships without a decision on who may
 * call it. "ok" means the security layer let the call through (the handler may still answer 400 or
 * 404: ids here do not exist, so no call changes anything); 401/403 mean it was stopped before the
 * handler (a 403 from the security layer has problem code "forbidden", or "token.not_allowed" for
 * what API tokens may never do). An API token is walked through the same table: it reaches only
 * what its permissions name, reads included.
 */
@IntegrationTest
class AuthorizationMatrixIntegrationTests {

    private static final String PUBLIC = "ok ok ok ok";
    private static final String SIGNED_IN = "401 ok ok ok";
    private static final String ADMIN_ONLY = "401 403 403 ok";
    private static final String SUPERVISOR_AND_ADMIN = "401 403 ok ok";

    /** method, path pattern as mapped, a concrete path to call, expected outcome for anonymous agent supervisor admin. */
    private static final List<Row> TABLE = List.of(
            row("GET", "/api/public/info", "/api/public/info", PUBLIC),
            row("POST", "/api/auth/login", "/api/auth/login", PUBLIC),
            row("POST", "/api/auth/logout", "/api/auth/logout", SIGNED_IN),
            row("GET", "/api/auth/me", "/api/auth/me", SIGNED_IN),
            row("PUT", "/api/account/password", "/api/account/password", SIGNED_IN),
            row("PUT", "/api/account/language", "/api/account/language", SIGNED_IN),
            row("GET", "/api/users", "/api/users", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/users", "/api/users", SUPERVISOR_AND_ADMIN),
            row("GET", "/api/users/{id}", "/api/users/999999", SUPERVISOR_AND_ADMIN),
            row("PUT", "/api/users/{id}", "/api/users/999999", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/users/{id}/inactivate", "/api/users/999999/inactivate", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/users/{id}/reactivate", "/api/users/999999/reactivate", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/users/{id}/password", "/api/users/999999/password", SUPERVISOR_AND_ADMIN),
            row("GET", "/api/roles", "/api/roles", ADMIN_ONLY),
            row("GET", "/api/tokens", "/api/tokens", ADMIN_ONLY),
            row("POST", "/api/tokens", "/api/tokens", ADMIN_ONLY),
            row("DELETE", "/api/tokens/{tokenId}", "/api/tokens/999999", ADMIN_ONLY),
            row("PUT", "/api/roles/{role}/permissions", "/api/roles/AGENT/permissions", ADMIN_ONLY),
            row("GET", "/api/departments", "/api/departments", SIGNED_IN),
            row("POST", "/api/departments", "/api/departments", ADMIN_ONLY),
            row("PUT", "/api/departments/{id}", "/api/departments/999999", ADMIN_ONLY),
            row("POST", "/api/departments/{id}/inactivate", "/api/departments/999999/inactivate", ADMIN_ONLY),
            row("POST", "/api/departments/{id}/reactivate", "/api/departments/999999/reactivate", ADMIN_ONLY),
            row("PUT", "/api/departments/{id}/members", "/api/departments/999999/members", ADMIN_ONLY),
            row("GET", "/api/audit", "/api/audit", ADMIN_ONLY),
            row("GET", "/api/audit/actions", "/api/audit/actions", ADMIN_ONLY),
            row("GET", "/api/audit/verify", "/api/audit/verify", ADMIN_ONLY),
            row("GET", "/api/critical-events", "/api/critical-events", ADMIN_ONLY),
            row("GET", "/api/connections", "/api/connections", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/connections", "/api/connections", ADMIN_ONLY),
            row("PUT", "/api/connections/{id}", "/api/connections/999999", ADMIN_ONLY),
            row("POST", "/api/connections/{id}/inactivate", "/api/connections/999999/inactivate", ADMIN_ONLY),
            row("POST", "/api/connections/{id}/reactivate", "/api/connections/999999/reactivate", ADMIN_ONLY),
            row("PUT", "/api/connections/{id}/hours", "/api/connections/999999/hours", ADMIN_ONLY),
            row("PUT", "/api/connections/{id}/team", "/api/connections/999999/team", ADMIN_ONLY),
            row("GET", "/api/connections/gateway", "/api/connections/gateway", ADMIN_ONLY),
            row("PUT", "/api/connections/gateway", "/api/connections/gateway", ADMIN_ONLY),
            row("POST", "/api/connections/gateway-numbers", "/api/connections/gateway-numbers", ADMIN_ONLY),
            row("PUT", "/api/connections/{id}/gateway-number", "/api/connections/999999/gateway-number", ADMIN_ONLY),
            row("GET", "/api/connections/{id}/qr", "/api/connections/999999/qr", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/connections/{id}/reconnect", "/api/connections/999999/reconnect", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/connections/{id}/logout", "/api/connections/999999/logout", ADMIN_ONLY),
            row("POST", "/api/connections/{id}/delete-instance", "/api/connections/999999/delete-instance", ADMIN_ONLY),
            row("POST", "/api/connections/{id}/sync-contacts", "/api/connections/999999/sync-contacts", ADMIN_ONLY),
            row("POST", "/api/connections/{id}/sync-messages", "/api/connections/999999/sync-messages", ADMIN_ONLY),
            row("GET", "/api/connections/{id}/link-history", "/api/connections/999999/link-history", SUPERVISOR_AND_ADMIN),
            // chats: every signed-in user, narrowed to the chats they may see (ChatVisibility; others answer 404)
            row("GET", "/api/chats", "/api/chats", SIGNED_IN),
            row("GET", "/api/chats/{chatId}", "/api/chats/999999", SIGNED_IN),
            row("GET", "/api/chats/counters", "/api/chats/counters", SIGNED_IN),
            row("POST", "/api/chats/{chatId}/take", "/api/chats/999999/take", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/chats/{chatId}/participants", "/api/chats/999999/participants", SUPERVISOR_AND_ADMIN),
            row("DELETE", "/api/chats/{chatId}/participants/{userId}", "/api/chats/999999/participants/1",
                    SUPERVISOR_AND_ADMIN),
            row("POST", "/api/chats/{chatId}/state", "/api/chats/999999/state", SIGNED_IN),
            row("GET", "/api/chats/{chatId}/messages", "/api/chats/999999/messages", SIGNED_IN),
            row("POST", "/api/chats/{chatId}/read", "/api/chats/999999/read", SIGNED_IN),
            row("POST", "/api/chats/{chatId}/close", "/api/chats/999999/close", SIGNED_IN),
            row("POST", "/api/chats/{chatId}/assignment", "/api/chats/999999/assignment", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/chats/{chatId}/messages", "/api/chats/999999/messages", SIGNED_IN),
            row("POST", "/api/chats/{chatId}/attachments", "/api/chats/999999/attachments", SIGNED_IN),
            row("POST", "/api/chats/{chatId}/messages/{messageId}/retry", "/api/chats/999999/messages/1/retry", SIGNED_IN),
            row("GET", "/api/media/{mediaId}", "/api/media/999999", SIGNED_IN),
            // contacts and clients: reads narrowed to the caller's scope (ContactVisibility; others answer 404)
            row("GET", "/api/contacts", "/api/contacts", SIGNED_IN),
            row("GET", "/api/contacts/phone-settings", "/api/contacts/phone-settings", SIGNED_IN),
            row("GET", "/api/contacts/export", "/api/contacts/export", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/contacts/import", "/api/contacts/import", SUPERVISOR_AND_ADMIN),
            row("GET", "/api/contacts/{contactId}", "/api/contacts/999999", SIGNED_IN),
            row("POST", "/api/contacts", "/api/contacts", SIGNED_IN),
            row("PUT", "/api/contacts/{contactId}", "/api/contacts/999999", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/contacts/{contactId}/assignment", "/api/contacts/999999/assignment", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/contacts/{contactId}/validate", "/api/contacts/999999/validate", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/contacts/{contactId}/inactivate", "/api/contacts/999999/inactivate", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/contacts/{contactId}/reactivate", "/api/contacts/999999/reactivate", SUPERVISOR_AND_ADMIN),
            row("GET", "/api/clients", "/api/clients", SIGNED_IN),
            row("GET", "/api/client-attributes", "/api/client-attributes", SIGNED_IN),
            row("POST", "/api/client-attributes", "/api/client-attributes", ADMIN_ONLY),
            row("PUT", "/api/client-attributes/{attributeId}", "/api/client-attributes/999999", ADMIN_ONLY),
            row("GET", "/api/clients/{clientId}", "/api/clients/999999", SIGNED_IN),
            row("POST", "/api/clients", "/api/clients", SUPERVISOR_AND_ADMIN),
            row("PUT", "/api/clients/{clientId}", "/api/clients/999999", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/clients/{clientId}/inactivate", "/api/clients/999999/inactivate", SUPERVISOR_AND_ADMIN),
            row("POST", "/api/clients/{clientId}/reactivate", "/api/clients/999999/reactivate", SUPERVISOR_AND_ADMIN),
            // the WhatsApp simulator: only in demo mode and tests (absent in production), open like Meta and a phone
            // like Meta, the fake Graph API wants the number's bearer token (a session is not one)
            row("POST", "/sandbox/graph/{version}/{phoneNumberId}/messages", "/sandbox/graph/v24.0/1/messages", "401 401 401 401"),
            row("POST", "/sandbox/graph/{version}/{phoneNumberId}/media", "/sandbox/graph/v24.0/1/media", PUBLIC),
            row("GET", "/sandbox/graph/{version}/{mediaId:\\d+}", "/sandbox/graph/v24.0/1", PUBLIC),
            row("GET", "/sandbox/graph/attachments/{mediaId}", "/sandbox/graph/attachments/1", PUBLIC),
            row("GET", "/sandbox/phone/numbers", "/sandbox/phone/numbers", PUBLIC),
            row("GET", "/sandbox/phone/numbers/{phoneNumberId}/customers", "/sandbox/phone/numbers/1/customers", PUBLIC),
            row("GET", "/sandbox/phone/numbers/{phoneNumberId}/customers/{waId}/messages",
                    "/sandbox/phone/numbers/1/customers/593999999999/messages", PUBLIC),
            row("POST", "/sandbox/phone/numbers/{phoneNumberId}/customers/{waId}/messages",
                    "/sandbox/phone/numbers/1/customers/593999999999/messages", PUBLIC),
            row("POST", "/sandbox/phone/numbers/{phoneNumberId}/customers/{waId}/attachments",
                    "/sandbox/phone/numbers/1/customers/593999999999/attachments", PUBLIC),
            row("GET", "/sandbox/phone/media/{mediaId}", "/sandbox/phone/media/1", PUBLIC),
            // the fake Evolution gateway keys its own calls (apikey header): an unknown instance is 404 before the key
            row("POST", "/sandbox/evolution/instance/create", "/sandbox/evolution/instance/create", "401 401 401 401"),
            row("GET", "/sandbox/evolution/instance/fetchInstances", "/sandbox/evolution/instance/fetchInstances", "401 401 401 401"),
            row("GET", "/sandbox/evolution/instance/connect/{instanceName}", "/sandbox/evolution/instance/connect/none", PUBLIC),
            row("GET", "/sandbox/evolution/instance/connectionState/{instanceName}", "/sandbox/evolution/instance/connectionState/none", PUBLIC),
            row("POST", "/sandbox/evolution/instance/restart/{instanceName}", "/sandbox/evolution/instance/restart/none", PUBLIC),
            row("DELETE", "/sandbox/evolution/instance/logout/{instanceName}", "/sandbox/evolution/instance/logout/none", PUBLIC),
            row("DELETE", "/sandbox/evolution/instance/delete/{instanceName}", "/sandbox/evolution/instance/delete/none", PUBLIC),
            row("POST", "/sandbox/evolution/webhook/set/{instanceName}", "/sandbox/evolution/webhook/set/none", PUBLIC),
            row("GET", "/sandbox/evolution/webhook/find/{instanceName}", "/sandbox/evolution/webhook/find/none", PUBLIC),
            row("POST", "/sandbox/evolution/message/sendText/{instanceName}", "/sandbox/evolution/message/sendText/none", PUBLIC),
            row("POST", "/sandbox/evolution/message/sendMedia/{instanceName}", "/sandbox/evolution/message/sendMedia/none", PUBLIC),
            row("POST", "/sandbox/evolution/message/sendWhatsAppAudio/{instanceName}", "/sandbox/evolution/message/sendWhatsAppAudio/none", PUBLIC),
            row("POST", "/sandbox/evolution/chat/markMessageAsRead/{instanceName}", "/sandbox/evolution/chat/markMessageAsRead/none", PUBLIC),
            row("POST", "/sandbox/evolution/chat/whatsappNumbers/{instanceName}", "/sandbox/evolution/chat/whatsappNumbers/none", PUBLIC),
            row("POST", "/sandbox/evolution/chat/getBase64FromMediaMessage/{instanceName}", "/sandbox/evolution/chat/getBase64FromMediaMessage/none", PUBLIC),
            row("POST", "/sandbox/evolution/chat/findMessages/{instanceName}", "/sandbox/evolution/chat/findMessages/none", PUBLIC),
            row("POST", "/sandbox/evolution/chat/findChats/{instanceName}", "/sandbox/evolution/chat/findChats/none", PUBLIC),
            row("POST", "/sandbox/evolution/chat/findContacts/{instanceName}", "/sandbox/evolution/chat/findContacts/none", PUBLIC),
            row("POST", "/sandbox/evolution/chat/fetchProfilePictureUrl/{instanceName}", "/sandbox/evolution/chat/fetchProfilePictureUrl/none", PUBLIC),
            row("GET", "/sandbox/evolution/**", "/sandbox/evolution/no/such/route", PUBLIC),
            row("GET", "/sandbox/phone/gateway", "/sandbox/phone/gateway", PUBLIC),
            row("PUT", "/sandbox/phone/gateway/silent", "/sandbox/phone/gateway/silent", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/scan", "/sandbox/phone/gateway/none/scan", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/unlink", "/sandbox/phone/gateway/none/unlink", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/drop", "/sandbox/phone/gateway/none/drop", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/restore", "/sandbox/phone/gateway/none/restore", PUBLIC),
            row("GET", "/sandbox/phone/gateway/{instanceName}/customers", "/sandbox/phone/gateway/none/customers", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/contacts", "/sandbox/phone/gateway/none/contacts", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/history", "/sandbox/phone/gateway/none/history", PUBLIC),
            row("GET", "/sandbox/phone/gateway/{instanceName}/customers/{number}/messages", "/sandbox/phone/gateway/none/customers/593999999999/messages", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/customers/{number}/messages", "/sandbox/phone/gateway/none/customers/593999999999/messages", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/customers/{number}/attachments", "/sandbox/phone/gateway/none/customers/593999999999/attachments", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/customers/{number}/location", "/sandbox/phone/gateway/none/customers/593999999999/location", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/customers/{number}/contact", "/sandbox/phone/gateway/none/customers/593999999999/contact", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/customers/{number}/reactions", "/sandbox/phone/gateway/none/customers/593999999999/reactions", PUBLIC),
            row("POST", "/sandbox/phone/gateway/{instanceName}/customers/{number}/owner-messages", "/sandbox/phone/gateway/none/customers/593999999999/owner-messages", PUBLIC),
            // providers call webhooks without a session; the verify token and the signature authenticate them
            row("GET", "/webhooks/cloudapi/{connectionId}", "/webhooks/cloudapi/999999", PUBLIC),
            // an unsigned notification is refused (401) before anything else, whoever sends it
            row("POST", "/webhooks/cloudapi/{connectionId}", "/webhooks/cloudapi/999999", "401 401 401 401"),
            // the gateway signs nothing: each connection's webhook carries its own secret in a header
            row("POST", "/webhooks/evolution/{connectionId}", "/webhooks/evolution/999999", "401 401 401 401"),
            // the web app's client-side routes all answer its index.html
            row("GET", "/", "/", PUBLIC),
            row("GET", "/{route:^(?!api$|actuator$|v3$|swagger-ui$|ws$|webhooks$|assets$)[a-z-]+$}", "/users", PUBLIC),
            row("GET", "/{route:^(?!api$|actuator$|v3$|swagger-ui$|ws$|webhooks$|assets$)[a-z-]+$}/{*rest}", "/users/new", PUBLIC),
            // framework endpoints: the error page, the OpenAPI description (signed-in users or an API token), Swagger UI
            // (signed out: a redirect to sign in), health for load balancers
            row("GET", "/error", "/error", PUBLIC),
            row("GET", "/v3/api-docs", "/v3/api-docs", SIGNED_IN),
            row("GET", "/v3/api-docs.yaml", "/v3/api-docs.yaml", SIGNED_IN),
            row("GET", "/v3/api-docs/swagger-config", "/v3/api-docs/swagger-config", SIGNED_IN),
            row("GET", "/swagger-ui.html", "/swagger-ui.html", PUBLIC),
            row("GET", "/actuator", "/actuator", ADMIN_ONLY),
            row("GET", "/actuator/health", "/actuator/health", PUBLIC),
            row("GET", "/actuator/health/**", "/actuator/health/liveness", PUBLIC),
            row("GET", "/actuator/info", "/actuator/info", ADMIN_ONLY));

    /** What a token holding only {@code contacts.create} reaches: creating contacts, and what needs no permission. */
    private static final Set<String> CONTACTS_CREATE_TOKEN_REACHES = Set.of("GET /api/public/info", "POST /api/auth/login",
            "POST /api/auth/logout", "GET /api/auth/me", "POST /api/contacts", "GET /v3/api-docs", "GET /v3/api-docs.yaml",
            "GET /v3/api-docs/swagger-config",
            // a JSON body where multipart is required is answered (415) by the mapping, before any permission check
            "POST /api/chats/{chatId}/attachments");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    TestAccounts accounts;

    private final Map<Role, TestAccounts.Account> users = new java.util.EnumMap<>(Role.class);

    @BeforeEach
    void createOneUserPerRole() {
        long department = accounts.department();
        for (Role role : Role.values()) {
            users.put(role, accounts.create(role, department));
        }
    }

    @Test
    void everyEndpointHasADeclaredRowAndEveryRowAnEndpoint() {
        var mapped = mappedEndpoints();
        var declared = new TreeSet<String>();
        TABLE.forEach(row -> declared.add(row.method() + " " + row.pattern()));
        assertThat(declared).as("rows without an endpoint").isSubsetOf(mapped);
        assertThat(mapped).as("endpoints without a declared row in TABLE").isSubsetOf(declared);
    }

    @Test
    void everyRoleGetsExactlyTheDeclaredOutcome() {
        var mismatches = new ArrayList<String>();
        for (Row row : TABLE) {
            String[] expected = row.expected().split(" ");
            check(row, "anonymous", ApiSession.anonymous(port), expected[0], mismatches);
            check(row, "agent", signedIn(Role.AGENT), expected[1], mismatches);
            check(row, "supervisor", signedIn(Role.SUPERVISOR), expected[2], mismatches);
            check(row, "administrator", signedIn(Role.ADMINISTRATOR), expected[3], mismatches);
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aTokenReachesOnlyWhatItsPermissionsName() {
        var owner = signedIn(Role.ADMINISTRATOR);
        var created = owner.post("/api/tokens", Map.of("name", "alta de contactos", "permissions", List.of("contacts.create")));
        var token = ApiSession.bearer(port, created.json().get("secret").asString());
        var mismatches = new ArrayList<String>();
        for (Row row : TABLE) {
            if (row.path().startsWith("/api/") || row.path().startsWith("/v3/")) {
                String expected = CONTACTS_CREATE_TOKEN_REACHES.contains(row.method() + " " + row.pattern()) ? "ok" : "403";
                check(row, "token with contacts.create", token, expected, mismatches);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** Supervisors list the numbers of their departments, agents those they may use, administrators all. */
    @Test
    void connectionsAreListedOnlyToThoseResponsibleForThem() {
        var admin = signedIn(Role.ADMINISTRATOR);
        long ours = accounts.department();
        long theirs = accounts.department();
        var supervisor = accounts.create(Role.SUPERVISOR, ours);
        var agent = accounts.create(Role.AGENT, ours);
        var colleague = accounts.create(Role.AGENT, ours);
        long shared = connection(admin, ours, List.of());
        long colleagues = connection(admin, ours, List.of(colleague.id()));
        long other = connection(admin, theirs, List.of());
        long unassigned = connection(admin, null, List.of());
        var agentPermissions = new ArrayList<String>();
        admin.get("/api/roles").json().get("roles").forEach(role -> {
            if (role.get("role").asString().equals("AGENT")) {
                role.get("permissions").forEach(code -> agentPermissions.add(code.asString()));
            }
        });
        var withView = new ArrayList<>(agentPermissions);
        withView.add("connections.view");
        admin.put("/api/roles/AGENT/permissions", Map.of("permissions", withView));
        try {
            assertThat(listedIds(admin)).contains(shared, colleagues, other, unassigned);
            assertThat(listedIds(ApiSession.signedIn(port, supervisor.login(), TestAccounts.PASSWORD)))
                    .contains(shared, colleagues).doesNotContain(other, unassigned);
            assertThat(listedIds(ApiSession.signedIn(port, agent.login(), TestAccounts.PASSWORD)))
                    .contains(shared).doesNotContain(colleagues, other, unassigned);
            assertThat(listedIds(ApiSession.signedIn(port, colleague.login(), TestAccounts.PASSWORD)))
                    .contains(shared, colleagues).doesNotContain(other, unassigned);
        } finally {
            admin.put("/api/roles/AGENT/permissions", Map.of("permissions", agentPermissions));
        }
    }

    private static long connection(ApiSession admin, Long department, List<Long> agents) {
        String phoneNumberId = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        var created = admin.post("/api/connections", Map.of("name", "Número " + phoneNumberId, "displayNumber", "+593 99 123 4567",
                "phoneNumberId", phoneNumberId, "wabaId", "102290129340398", "accessToken", "token-" + phoneNumberId,
                "appSecret", "secret-" + phoneNumberId, "verifyToken", "verify-" + phoneNumberId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        var team = new java.util.HashMap<String, Object>();
        team.put("departmentId", department);
        team.put("agentIds", agents);
        assertThat(admin.put("/api/connections/" + id + "/team", team).status()).isEqualTo(200);
        return id;
    }

    private static List<Long> listedIds(ApiSession session) {
        var listed = session.get("/api/connections");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        var ids = new ArrayList<Long>();
        listed.json().forEach(connection -> ids.add(connection.get("id").asLong()));
        return ids;
    }

    private ApiSession signedIn(Role role) {
        return ApiSession.signedIn(port, users.get(role).login(), TestAccounts.PASSWORD);
    }

    private static void check(Row row, String who, ApiSession session, String expected, List<String> mismatches) {
        var response = session.send(row.method(), row.path(), row.method().equals("GET") ? null : Map.of());
        String actual = outcome(response);
        if (!actual.equals(expected)) {
            mismatches.add("%s %s as %s: expected %s, got %s (%d %s)".formatted(row.method(), row.path(), who,
                    expected, actual, response.status(), response.body()));
        }
    }

    private static String outcome(ApiSession.Response response) {
        if (response.status() == 401) {
            return "401";
        }
        if (response.status() == 403 && Set.of("forbidden", "csrf", "token.not_allowed").contains(response.code())) {
            return "403";
        }
        return "ok";
    }

    private Set<String> mappedEndpoints() {
        var endpoints = new TreeSet<String>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> {
                    var methods = info.getMethodsCondition().getMethods().isEmpty()
                            ? Stream.of("GET")
                            : info.getMethodsCondition().getMethods().stream().map(Enum::name);
                    methods.forEach(method -> info.getPatternValues()
                            .forEach(pattern -> endpoints.add(method + " " + pattern)));
                }));
        return endpoints;
    }

    private record Row(String method, String pattern, String path, String expected) { }

    private static Row row(String method, String pattern, String path, String expected) {
        return new Row(method, pattern, path, expected);
    }
}
