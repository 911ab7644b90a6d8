package app.conversa.channels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * WhatsApp plays voice notes only as OGG with the Opus codec. Firefox records that directly;
 * Chromium-based browsers record WebM/Opus, which is converted here with FFmpeg: the standard,
 * long-maintained tool for this, present in every Linux distribution, and able to remux the Opus
 * stream without re-encoding (no quality loss, milliseconds of work). No pure-Java library does
 * WebM-to-OGG today. Without FFmpeg on the server, such a voice note is refused with a clear
 * message; OGG recordings still work.
 */
@Component
public class VoiceNotes {

    private static final Logger log = LoggerFactory.getLogger(VoiceNotes.class);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final String ffmpeg;

    VoiceNotes(@Value("${conversa.media.ffmpeg:ffmpeg}") String ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** Thrown when a recording cannot be made into OGG/Opus. */
    public static class ConversionFailed extends RuntimeException {
        ConversionFailed(String message) {
            super(message);
        }
    }

    /** OGG/Opus content for a recording in another container (WebM, MP4...). */
    public byte[] toOggOpus(byte[] recording) {
        Path input = null;
        Path output = null;
        try {
            input = Files.createTempFile("voice-in-", ".bin");
            output = Files.createTempFile("voice-out-", ".ogg");
            Files.write(input, recording);
            // copy the Opus stream when there is one; encode to Opus otherwise
            if (!run(List.of(ffmpeg, "-nostdin", "-v", "error", "-y", "-i", input.toString(), "-vn", "-map_metadata", "-1",
                    "-c:a", "copy", "-f", "ogg", output.toString()))
                    && !run(List.of(ffmpeg, "-nostdin", "-v", "error", "-y", "-i", input.toString(), "-vn", "-ac", "1",
                    "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", output.toString()))) {
                throw new ConversionFailed("FFmpeg could not read the recording");
            }
            return Files.readAllBytes(output);
        } catch (IOException e) {
            log.warn("Voice note conversion unavailable: {}", e.getMessage());
            throw new ConversionFailed("FFmpeg is not available on this server");
        } finally {
            delete(input);
            delete(output);
        }
    }

    private static boolean run(List<String> command) throws IOException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    private static void delete(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up
            }
        }
    }
}
