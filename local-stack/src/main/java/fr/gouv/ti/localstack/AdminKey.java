package fr.gouv.ti.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The national administrator's first API key for a local run; the gateway stores only its hash. */
final class AdminKey {

    private AdminKey() {
    }

    static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = "ti_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, key + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return key;
    }
}
