package app.conversa.identity;

import java.util.List;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the sign-in page needs before anyone signs in: whether this is a demo, and its accounts. */
@RestController
@Tag(name = "Public")
class PublicInfoController {

    private final boolean demo;

    PublicInfoController(@Value("${conversa.demo.enabled}") boolean demo) {
        this.demo = demo;
    }

    record DemoAccountResponse(Role role, String login, String password) { }

    record InfoResponse(boolean demo, List<DemoAccountResponse> demoAccounts) { }

    @GetMapping("/api/public/info")
    InfoResponse info() {
        return new InfoResponse(demo, demo ? DemoData.ACCOUNTS.stream()
                .map(a -> new DemoAccountResponse(a.role(), a.login(), a.password())).toList() : List.of());
    }
}
