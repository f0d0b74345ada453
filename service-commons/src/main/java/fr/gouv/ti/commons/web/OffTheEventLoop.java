package fr.gouv.ti.commons.web;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.function.Supplier;

/**
 * For resources that answer from memory on the event loop and go to the database only on a miss: the blocking part
 * runs on a worker thread (the request's context, caller and correlation id, travels with it), and the answer is
 * written back from there.
 */
public final class OffTheEventLoop {

    private OffTheEventLoop() {
    }

    public static <T> Uni<T> run(Supplier<T> blocking) {
        return Uni.createFrom().item(blocking).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
