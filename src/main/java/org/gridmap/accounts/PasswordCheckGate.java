package org.gridmap.accounts;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many bcrypt checks run at once. Each check keeps a core busy for a quarter of a second, so a
 * burst of logins beyond the cores only queues up and starves every other request; the excess is refused at
 * once instead (429), which costs the client one retry and the server nothing.
 */
public final class PasswordCheckGate {
    private final Semaphore permits;

    public PasswordCheckGate(int concurrentChecks) {
        if (concurrentChecks < 1) throw new IllegalArgumentException("at least one check must be allowed");
        this.permits = new Semaphore(concurrentChecks);
    }

    /** One check per core: more would not finish sooner, they would only share the cores. */
    public static PasswordCheckGate perCore() { return new PasswordCheckGate(Runtime.getRuntime().availableProcessors()); }

    /** True when a check may start now; the caller must then {@link #leave()}. */
    public boolean tryEnter() { return permits.tryAcquire(); }

    public void leave() { permits.release(); }
}
