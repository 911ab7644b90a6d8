package app.conversa.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the encryption key comes from: {@code conversa.encryption.key} (Base64 of 32 bytes; in
 * production CONVERSA_ENCRYPTION_KEY, required by RunModeGuard), or in demo mode a key file that
 * is created next to the demo database on first start. Lose the key and the secrets it sealed are lost.
 */
@Configuration(proxyBeanMethods = false)
class EncryptionKeys {

    @Bean
    SecretBox secretBox(@Value("${conversa.encryption.key:}") String configured,
            @Value("${conversa.demo.enabled:false}") boolean demo,
            @Value("${conversa.demo.key-file:./data/conversa-encryption.key}") Path demoKeyFile) {
        if (!configured.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(configured.strip()));
        }
        if (!demo) {
            throw new IllegalStateException("conversa.encryption.key (CONVERSA_ENCRYPTION_KEY) is not set: "
                    + "generate one with `openssl rand -base64 32`");
        }
        return new SecretBox(demoKey(demoKeyFile));
    }

    private static byte[] demoKey(Path file) {
        try {
            if (!Files.exists(file)) {
                var key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                createOwnerOnly(file);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the demo encryption key " + file, e);
        }
    }

    /** Creates the file readable by its owner only from the start (where the file system has POSIX permissions). */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }
}
