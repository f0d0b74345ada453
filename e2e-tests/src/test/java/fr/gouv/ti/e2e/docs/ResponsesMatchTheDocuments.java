package fr.gouv.ti.e2e.docs;

import fr.gouv.ti.e2e.Suite;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test whose requests met a response (or an accepted request) that its OpenAPI document does not allow:
 * every exchange through {@link Suite}'s clients passes the {@link ConformanceProxy}. A response that does not
 * match the served documents fails the build, as a generated client would fail on it.
 */
public class ResponsesMatchTheDocuments implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Suite.stack();
        Suite.conformance().drainViolations(); // what earlier test classes left is theirs
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context.getDisplayName() + " (set-up)");
    }

    private static void check(String what) {
        List<String> violations = Suite.conformance().drainViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " exchange(s) of " + what
                    + " do not match the served OpenAPI documents:\n  " + String.join("\n  ", violations));
        }
    }
}
