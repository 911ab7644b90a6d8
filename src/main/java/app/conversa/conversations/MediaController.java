package app.conversa.conversations;

import app.conversa.identity.CurrentUser;
import app.conversa.shared.ConversaException;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Media content, only for users who may see its chat; never rendered inline as a page (nosniff,
 * sandboxed), never stored by the browser (it would outlive the session). A media of a chat out of
 * the user's sight answers exactly as a missing one.
 */
@RestController
@Tag(name = "Chats")
class MediaController {

    private final MediaStore store;
    private final ChatQueries queries;

    MediaController(MediaStore store, ChatQueries queries) {
        this.store = store;
        this.queries = queries;
    }

    @GetMapping("/api/media/{mediaId}")
    @PreAuthorize("hasAuthority('chats.read')")
    ResponseEntity<byte[]> content(@AuthenticationPrincipal CurrentUser user, @PathVariable long mediaId) {
        MediaStore.Described media;
        try {
            media = store.describe(mediaId);
        } catch (org.springframework.dao.EmptyResultDataAccessException unknown) {
            throw ConversaException.hidden("media.not_found", mediaId);
        }
        if (!queries.canSee(user, media.chatId())) {
            throw ConversaException.hidden("media.not_found", mediaId);
        }
        if (!"STORED".equals(media.state())) {
            throw ConversaException.notFound("media.not_ready", mediaId);
        }
        var disposition = ContentDisposition.inline().filename(media.filename() == null ? "media-" + mediaId
                : media.filename(), java.nio.charset.StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(media.mimeType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(store.read(mediaId));
    }
}
