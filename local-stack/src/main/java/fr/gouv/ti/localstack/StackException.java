package fr.gouv.ti.localstack;

/** A reason the suite cannot start that the user can fix (a port in use, a missing build). */
final class StackException extends RuntimeException {
    StackException(String message) {
        super(message);
    }
}
