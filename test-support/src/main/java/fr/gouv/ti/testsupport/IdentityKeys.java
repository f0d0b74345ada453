package fr.gouv.ti.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The key pair a test JVM uses in place of the gateway's: tests sign identities, services verify them. */
public final class IdentityKeys {

    private static KeyPair pair;

    private IdentityKeys() {
    }

    public static synchronized KeyPair pair() {
        if (pair == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                pair = g.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return pair;
    }

    public static String publicKeyPem() {
        return pem("PUBLIC KEY", pair().getPublic().getEncoded());
    }

    public static String privateKeyPem() {
        return pem("PRIVATE KEY", pair().getPrivate().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
