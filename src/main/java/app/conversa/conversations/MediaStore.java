package app.conversa.conversations;

import app.conversa.shared.SecretBox;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Media content in a directory (by default {@code ./data/media}), each file sealed with
 * AES-256-GCM for its own key name, with its sha256 in the {@code media} table. Files are written
 * to a temporary name and moved into place, so a crash never leaves half a file under a real key.
 */
@Component
class MediaStore {

    record Described(long id, long chatId, String mimeType, String filename, Long sizeBytes, String sha256, boolean voice,
            String state) {
    }

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Path directory;
    private final Clock clock;

    MediaStore(JdbcClient jdbc, SecretBox secrets, @Value("${conversa.media.directory:./data/media}") Path directory,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.directory = directory;
        this.clock = clock;
    }

    /** Stores content an agent attaches, streamed from its source; returns the media id (call inside the transaction that uses it). */
    long storeOutbound(long chatId, InputStreamSource source, String mimeType, String filename, boolean voice) {
        var digest = sha256Digest();
        String key = UUID.randomUUID().toString();
        long size;
        try (var in = new DigestInputStream(source.getInputStream(), digest)) {
            size = write(key, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into media (chat_id, mime_type, filename, size_bytes, sha256, storage_key, voice, state, attempts, created_at)
                values (?, ?, ?, ?, ?, ?, ?, 'STORED', 0, ?)""")
                .params(chatId, mimeType, filename, size, HexFormat.of().formatHex(digest.digest()), key, voice, now)
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** Keeps downloaded content for an inbound media row. */
    void storeFetched(long mediaId, byte[] content, String mimeType) {
        String key = UUID.randomUUID().toString();
        try {
            write(key, new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.sql("""
                update media set storage_key = ?, size_bytes = ?, sha256 = ?, mime_type = ?, state = 'STORED',
                    next_attempt_at = null, last_error = null where id = ?""")
                .params(key, content.length, sha256(content), mimeType, mediaId).update();
    }

    Described describe(long mediaId) {
        return jdbc.sql("select id, chat_id, mime_type, filename, size_bytes, sha256, voice, state from media where id = ?")
                .param(mediaId)
                .query((rs, row) -> new Described(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5, Long.class), rs.getString(6), rs.getBoolean(7), rs.getString(8)))
                .single();
    }

    byte[] read(long mediaId) {
        String key = jdbc.sql("select storage_key from media where id = ?").param(mediaId).query(String.class).single();
        try {
            return secrets.open(Files.readAllBytes(directory.resolve(key)), context(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals the content into a temporary file and moves it under its key; returns the plain length. */
    private long write(String key, InputStream content) throws IOException {
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "incoming-", ".tmp");
        try {
            long size;
            try (var out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                size = secrets.seal(content, out, context(key));
            }
            Files.move(temporary, directory.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            return size;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String context(String key) {
        return "media:" + key;
    }
}
