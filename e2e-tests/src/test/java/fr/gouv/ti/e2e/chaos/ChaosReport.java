package fr.gouv.ti.e2e.chaos;

import fr.gouv.ti.e2e.chaos.Acks.Kind;

import java.util.List;
import java.util.Locale;

/** The Markdown of one run: settings, kills and recoveries, the load, convergence and the audit. */
final class ChaosReport {

    private ChaosReport() {
    }

    static String markdown(ChaosRun.Result r) {
        StringBuilder md = new StringBuilder();
        ChaosRun.Settings s = r.settings();
        md.append("## Seed ").append(s.seed()).append(" (run ").append(r.run()).append(")\n\n");
        md.append("Rounds: ").append(s.rounds()).append("; targets: ").append(String.join(", ", s.targets()))
                .append("; a kill every ").append(s.between().toMillis() / 2).append("–").append(s.between().toMillis() * 3 / 2)
                .append(" ms; administrator load: ").append(s.adminLoad() ? "yes" : "no")
                .append(String.format(Locale.ROOT, "; took %.0f s.%n%n", r.took().toMillis() / 1e3));
        md.append("| round | kill -9 of | at (s) | dead for (ms) | first success after restart (ms) |\n|---|---|---|---|---|\n");
        for (Faults.Kill k : r.kills()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %d | %d |%n", k.round(), k.target(), k.atMillis() / 1e3,
                    k.deadMillis(), k.recoveredAfterMillis()));
        }
        md.append("\n| load | steps | failed steps | last failure |\n|---|---|---|---|\n");
        for (Load l : r.loads()) {
            String extra = l instanceof ReadLoad reads ? " (" + reads.answered.get() + " answered, " + reads.unavailable.get()
                    + " unavailable)" : "";
            md.append("| ").append(l.name()).append(extra).append(" | ").append(l.steps.get()).append(" | ")
                    .append(l.failures.get()).append(" | ")
                    .append(l.lastFailure == null ? "" : l.lastFailure.replace('|', '/').replace('\n', ' ')).append(" |\n");
        }
        md.append("\nRequests: ").append(r.api().requests.get()).append("; attempts retried: ").append(r.api().retried.get())
                .append("; writes acknowledged: ").append(r.acks().total()).append(" (");
        StringBuilder kinds = new StringBuilder();
        for (Kind k : Kind.values()) {
            if (!r.acks().of(k).isEmpty()) {
                kinds.append(kinds.isEmpty() ? "" : ", ").append(k.name().toLowerCase(Locale.ROOT)).append(' ').append(r.acks().of(k).size());
            }
        }
        md.append(kinds).append("); left unanswered when the load stopped: ").append(r.acks().totalUnanswered())
                .append(String.format(Locale.ROOT, ". Converged %.1f s after the load stopped.%n%n", r.convergedIn().toMillis() / 1e3));
        ChaosAudit a = r.audit();
        md.append("**").append(a.summary()).append("**\n");
        for (List<String> findings : List.of(a.lost, a.duplicated, a.diverged, a.violations)) {
            findings.stream().limit(20).forEach(f -> md.append("- ").append(f).append('\n'));
        }
        return md.toString();
    }
}
