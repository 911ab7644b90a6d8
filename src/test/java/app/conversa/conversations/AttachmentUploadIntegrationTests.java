package app.conversa.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import app.conversa.ApiSession;
import app.conversa.Eventually;
import app.conversa.IntegrationTest;
import app.conversa.SandboxLines;
import app.conversa.TestAccounts;
import app.conversa.identity.Role;
import app.conversa.sandbox.SandboxPhone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An agent's upload is judged by its bytes, its type's size limit and the chat's scope; a request
 * that cannot be accepted is refused before its body is received.
 */
@IntegrationTest
class AttachmentUploadIntegrationTests {

    private static final byte[] HTML = "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};

    @LocalServerPort
    int port;
    @Autowired
    TestAccounts accounts;
    @Autowired
    SandboxLines lines;
    @Autowired
    SandboxPhone phone;
    @Autowired
    JdbcClient jdbc;

    private ApiSession admin;
    private long chatId;

    @BeforeEach
    void aCustomerHasWritten() {
        admin = ApiSession.signedIn(port, accounts.create(Role.ADMINISTRATOR).login(), TestAccounts.PASSWORD).inLanguage("es");
        var line = lines.link(admin, port, null, null, "Gracias.");
        String customer = "5939" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        phone.write(line.phoneNumberId(), customer, "Rosa Quishpe", "Buenos días");
        chatId = Eventually.await("the chat", () -> jdbc.sql("select id from chats where connection_id = ?")
                .param(line.connectionId()).query(Long.class).optional(), java.util.Optional::isPresent).get();
    }

    @Test
    void htmlDeclaredAsAnImageOrADocumentIsRefusedWithATranslatedReason() {
        for (String type : new String[] {"image/png", "image/jpeg", "application/pdf"}) {
            var refused = upload("recibo", type, HTML, Map.of());

            assertThat(refused.status()).as(type + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("message.content_mismatch");
            assertThat(refused.json().get("detail").asString()).isEqualTo("Este archivo no es realmente de tipo " + type
                    + ": su contenido es otra cosa. Envíe el archivo original.");
        }
        assertThat(jdbc.sql("select count(*) from media where chat_id = ?").param(chatId).query(Long.class).single())
                .as("nothing stored").isZero();
    }

    @Test
    void junkDeclaredAsAVoiceNoteIsRefused() {
        byte[] junk = "esto no es audio, es texto cualquiera".getBytes(StandardCharsets.UTF_8);
        byte[] vorbis = new byte[64];
        System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, vorbis, 0, 4);
        vorbis[26] = 1; // one segment: the Vorbis identification header follows at 28
        System.arraycopy("\u0001vorbis".getBytes(StandardCharsets.ISO_8859_1), 0, vorbis, 28, 7);

        var oggJunk = upload("voice.ogg", "audio/ogg", junk, Map.of("voice", "true"));
        var webmJunk = upload("voice.webm", "audio/webm", junk, Map.of("voice", "true"));
        var notOpus = upload("voice.ogg", "audio/ogg", vorbis, Map.of("voice", "true"));
        var audioJunk = upload("audio.mp3", "audio/mpeg", junk, Map.of());

        assertThat(oggJunk.code()).as(oggJunk.body()).isEqualTo("message.content_mismatch");
        assertThat(webmJunk.code()).as(webmJunk.body()).isEqualTo("message.content_mismatch");
        assertThat(notOpus.code()).as(notOpus.body()).isEqualTo("message.voice_format");
        assertThat(audioJunk.code()).as(audioJunk.body()).isEqualTo("message.content_mismatch");
        assertThat(java.util.List.of(oggJunk, webmJunk, notOpus, audioJunk)).allMatch(r -> r.status() == 400);
    }

    @Test
    void eachTypeHasItsOwnSizeLimit() {
        byte[] audio = new byte[16 * 1024 * 1024 + 1];
        audio[0] = 'I';
        audio[1] = 'D';
        audio[2] = '3';

        var refused = upload("audio.mp3", "audio/mpeg", audio, Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("message.file_too_large");
        assertThat(refused.json().get("detail").asString()).contains("16 MB");
    }

    @Test
    void aRealImageAndDocumentAreStillAccepted() {
        var image = upload("foto.jpg", "image/jpeg", JPEG, Map.of());
        var document = upload("estado.pdf", "application/pdf", PDF, Map.of("caption", "Su estado de cuenta"));

        assertThat(image.status()).as(image.body()).isEqualTo(202);
        assertThat(image.json().get("kind").asString()).isEqualTo("IMAGE");
        assertThat(document.status()).as(document.body()).isEqualTo(202);
        assertThat(document.json().get("kind").asString()).isEqualTo("DOCUMENT");
        long mediaId = document.json().get("media").get("id").asLong();
        assertThat(admin.bytes("/api/media/" + mediaId)).isEqualTo(PDF);
        assertThat(jdbc.sql("select size_bytes, sha256 from media where id = ?").param(mediaId)
                .query((rs, row) -> rs.getLong(1) + " " + rs.getString(2)).single())
                .as("streamed into the store: length and hash counted on the way").isEqualTo(PDF.length + " " + MediaStore.sha256(PDF));
    }

    @Test
    void anUploadToAChatOutOfScopeIsRefusedBeforeItsBodyIsSent() throws IOException {
        var agent = ApiSession.signedIn(port, accounts.create(Role.AGENT).login(), TestAccounts.PASSWORD).inLanguage("es");

        String answer = startUpload(agent, 100L * 1024 * 1024);

        assertThat(answer).as("answered after 64 KB of a 100 MB upload").startsWith("HTTP/1.1 404");
        assertThat(answer).contains("chat.not_found");
    }

    @Test
    void anUploadLongerThanAnyFileWhatsAppTakesIsRefusedBeforeItsBodyIsSent() throws IOException {
        String answer = startUpload(admin, 200L * 1024 * 1024);

        assertThat(answer).as("answered after 64 KB of a 200 MB upload").startsWith("HTTP/1.1 413");
        assertThat(answer).contains("message.upload_too_large", "100 MB");
    }

    @Test
    void anUploadWithoutTheCsrfHeaderIsRefusedBeforeItsBodyIsSent() throws IOException {
        String answer = startUpload(admin, 200L * 1024 * 1024, false);

        assertThat(answer).as("answered after 64 KB of a 200 MB upload").startsWith("HTTP/1.1 403");
        assertThat(answer).contains("application/problem+json", "\"code\":\"csrf\"");
    }

    private ApiSession.Response upload(String filename, String type, byte[] content, Map<String, String> fields) {
        var all = new java.util.HashMap<>(fields);
        all.put("idempotencyKey", "up-" + UUID.randomUUID());
        return admin.upload("/api/chats/" + chatId + "/attachments", all, filename, type, content);
    }

    /**
     * Announces an upload of {@code length} bytes, sends only its first 64 KB, and reads the answer: a
     * server that waited for the rest would never answer (the read times out and the test fails).
     */
    private String startUpload(ApiSession session, long length) throws IOException {
        return startUpload(session, length, true);
    }

    /** As above; without the X-XSRF-TOKEN header, the CSRF token is not looked for in the body. */
    private String startUpload(ApiSession session, long length, boolean csrfHeader) throws IOException {
        session.get("/api/public/info"); // the XSRF-TOKEN cookie
        String boundary = "conversa-upload";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"estado.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n").getBytes(StandardCharsets.US_ASCII);
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/chats/" + chatId + "/attachments?idempotencyKey=big HTTP/1.1\r\n"
                    + "Host: localhost:" + port + "\r\n"
                    + "Cookie: SESSION=" + session.cookie("SESSION") + "; XSRF-TOKEN=" + session.cookie("XSRF-TOKEN") + "\r\n"
                    + (csrfHeader ? "X-XSRF-TOKEN: " + session.cookie("XSRF-TOKEN") + "\r\n" : "")
                    + "Accept: application/json, application/problem+json\r\nAccept-Language: es\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(new byte[64 * 1024]);
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        var answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) > 0) {
            answer.write(buffer, 0, read);
            String text = answer.toString(StandardCharsets.UTF_8);
            if (text.contains("\"code\"") && text.lastIndexOf('}') > text.indexOf("\"code\"")) {
                break; // the whole problem document: the server may keep the connection open for the rest
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
