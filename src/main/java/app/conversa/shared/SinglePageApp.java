package app.conversa.shared;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the web app's index.html for its client-side routes (/users, /roles/…); never for the API. */
@Controller
class SinglePageApp {

    @GetMapping({"/", "/{route:^(?!api$|actuator$|v3$|swagger-ui$|ws$|webhooks$|assets$)[a-z-]+$}",
            "/{route:^(?!api$|actuator$|v3$|swagger-ui$|ws$|webhooks$|assets$)[a-z-]+$}/{*rest}"})
    String index() {
        return "forward:/index.html";
    }
}
