package fr.gouv.ti.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The RSA key pair with which the gateway signs identities and the services verify them; made once, kept. */
record IdentityKeys(Path privateKey, Path publicKey) {

    static IdentityKeys loadOrCreate(Path dir) throws IOException {
        IdentityKeys keys = new IdentityKeys(dir.resolve("identity-private.pem"), dir.resolve("identity-public.pem"));
        if (Files.exists(keys.privateKey) && Files.exists(keys.publicKey)) {
            return keys;
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            Files.writeString(keys.privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.setPosixFilePermissions(keys.privateKey, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(keys.publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
