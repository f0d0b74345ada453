package fr.gouv.ti.commons.core.change;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One thread that LISTENs on PostgreSQL channels and hands each notification (channel, payload) to a callback; the
 * callback also learns when listening starts and stops ({@link #onLive}), so that caches fed by it switch themselves
 * off while a change could be missed. One dedicated connection, held while it works; when it breaks the listener
 * reconnects with a back-off. Notifications are delivered when the notifying transaction commits, and PostgreSQL
 * folds identical ones of one transaction into one.
 */
public final class ChangeListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 200;

    private final DataSource dataSource;
    private final String[] channels;
    private final BiConsumer<String, String> onNotification;
    private final Consumer<Boolean> onLive;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param onNotification called with (channel, payload) on the listener's thread
     * @param onLive         called with true once listening, false when the connection is lost or the listener closes
     */
    public ChangeListener(String name, DataSource dataSource, BiConsumer<String, String> onNotification,
                          Consumer<Boolean> onLive, String... channels) {
        for (String ch : channels) {
            if (!ch.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("not a plain channel name: " + ch);
            }
        }
        this.dataSource = dataSource;
        this.channels = channels.clone();
        this.onNotification = onNotification;
        this.onLive = onLive;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public ChangeListener start() {
        thread.start();
        return this;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    for (String ch : channels) {
                        s.execute("LISTEN " + ch);
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                onLive.accept(true);
                backoff = 100;
                while (running) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            onNotification.accept(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                onLive.accept(false);
                if (!running) {
                    break;
                }
                LOG.warnf("%s: not listening (%s); reads go to the database until it is back", thread.getName(),
                        e.getMessage());
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                break;
            }
            backoff = Math.min(5_000, backoff * 2);
        }
        onLive.accept(false);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
