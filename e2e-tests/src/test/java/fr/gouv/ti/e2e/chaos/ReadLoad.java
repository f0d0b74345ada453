package fr.gouv.ti.e2e.chaos;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Open-data readers polling the territories' summaries and the programme's totals, anonymously. */
final class ReadLoad extends Load {

    private final List<String> paths;
    final AtomicLong answered = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();

    ReadLoad(Api api, Acks acks, String run, AtomicBoolean stopping, List<String> territories) {
        super(api, acks, run, stopping);
        this.paths = new java.util.ArrayList<>();
        territories.forEach(t -> paths.add("/api/v1/territories/2019-2022/" + t + "/summary"));
        paths.add("/api/v1/funding/programme");
    }

    @Override
    String name() {
        return "readers";
    }

    @Override
    boolean step(long n) {
        Api.Answer a = api.once("GET", paths.get((int) (n % paths.size())), null, null, null, null);
        if (a != null && a.status() == 200) {
            answered.incrementAndGet();
        } else {
            unavailable.incrementAndGet();
        }
        pause(20);
        return true;
    }
}
