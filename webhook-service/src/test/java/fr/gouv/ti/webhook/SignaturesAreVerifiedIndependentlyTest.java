package fr.gouv.ti.webhook;

import fr.gouv.ti.webhook.service.Signatures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service's signatures, checked by a verifier written from the Standard Webhooks specification. */
class SignaturesAreVerifiedIndependentlyTest {

    @Test
    void theSpecificationsExampleIsReproduced() {
        // the example of the specification's reference libraries
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.header(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aNewSecretSignsWhatTheVerifierAcceptsAndNothingElse() {
        String secret = Signatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        long now = System.currentTimeMillis() / 1000;
        byte[] body = "{\"specversion\":\"1.0\",\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
        String header = Signatures.header(List.of(secret), "e-1", now, body);
        StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(secret);

        assertThatCode(() -> verifier.verify("e-1", Long.toString(now), header, body, now)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verify("e-2", Long.toString(now), header, body, now))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> verifier.verify("e-1", Long.toString(now + 1), header, body, now))
                .isInstanceOf(SecurityException.class);
        byte[] tampered = "{\"specversion\":\"1.0\",\"id\":\"e-9\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify("e-1", Long.toString(now), header, tampered, now))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> new StandardWebhooksVerifier(Signatures.newSecret())
                .verify("e-1", Long.toString(now), header, body, now)).isInstanceOf(SecurityException.class);
        // a stale timestamp is refused by the receiver even with a right signature
        String old = Signatures.header(List.of(secret), "e-1", now - 600, body);
        assertThatThrownBy(() -> verifier.verify("e-1", Long.toString(now - 600), old, body, now))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        String current = Signatures.newSecret();
        String previous = Signatures.newSecret();
        long now = System.currentTimeMillis() / 1000;
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = Signatures.header(List.of(current, previous), "e-1", now, body);

        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThatCode(() -> new StandardWebhooksVerifier(current).verify("e-1", "" + now, header, body, now))
                .doesNotThrowAnyException();
        assertThatCode(() -> new StandardWebhooksVerifier(previous).verify("e-1", "" + now, header, body, now))
                .doesNotThrowAnyException();
    }
}
