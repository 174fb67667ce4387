package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which database failures are passing conditions (503) and which are errors, by SQLState as PostgreSQL documents them. */
class DatabaseFailuresTest {
    @Test
    void outagesAndOverloadAre503WithARetryDelay() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P02", "57P03", "57014", "53300", "53200", "55P03"}) {
            var u = DatabaseFailures.classify(new SQLException("x", state));
            assertThat(u).as(state).isPresent();
            assertThat(u.get().retryAfterSeconds()).as(state).isPositive();
        }
        assertThat(DatabaseFailures.classify(new SQLTransientConnectionException("pool timed out"))).isPresent();
    }

    @Test
    void theCauseChainIsSearched() {
        var wrapped = new RuntimeException(new IllegalStateException(new SQLException("terminating connection", "57P01")));
        assertThat(DatabaseFailures.classify(wrapped)).isPresent();
        var poolTimeoutWhileDown = new SQLTransientConnectionException("timed out", new SQLException("refused", "08001"));
        assertThat(DatabaseFailures.classify(poolTimeoutWhileDown).orElseThrow().message()).contains("does not answer");
    }

    @Test
    void realErrorsAreNotDisguisedAsOverload() {
        for (String state : new String[] {"23505", "42P01", "22P02", "XX000"}) {
            assertThat(DatabaseFailures.classify(new SQLException("x", state))).as(state).isEmpty();
        }
        assertThat(DatabaseFailures.classify(new SQLException("no state"))).isEmpty();
        assertThat(DatabaseFailures.classify(new UncheckedIOException(new java.io.IOException("disk")))).isEmpty();
        assertThat(DatabaseFailures.classify(new NullPointerException())).isEmpty();
    }
}
