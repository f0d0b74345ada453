package fr.gouv.ti.commons.events;

/** A record that can never be handled (malformed, unknown shape): straight to the dead-letter topic, no retry. */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
