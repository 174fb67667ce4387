package org.gridmap.grids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gridmap.changes.DataChange;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** What the ring engine gets from the feed around grid edits: every change once, and no echo of an edit it rebuilt for. */
class EditEchoesTest {
    static final Envelope HERE = new Envelope(106.3, 106.4, 29.4, 29.5);
    final List<DataChange> engine = new ArrayList<>();
    Instant now = Instant.parse("2026-05-01T08:00:00Z");
    final EditEchoes echoes = new EditEchoes(engine::add, new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    });

    static DataChange row(String table) { return new DataChange(table, "UPDATE", HERE); }

    static DataChange mark() { return new DataChange(EditEchoes.MARK_TABLE, "COMMIT", null); }

    @Test
    void withNoEditEveryChangePasses() {
        echoes.accept(row("grids"));
        echoes.accept(row("roads"));
        assertThat(engine).extracting(DataChange::table).containsExactly("grids", "roads");
    }

    @Test
    void anEditsOwnAnnouncementsAndItsInProcessNoticeAreDropped() {
        echoes.starting();
        echoes.accept(row("grids"));
        echoes.accept(row("households"));
        echoes.accept(mark());
        echoes.accept(new DataChange("grids", EditEchoes.OWN_EDIT, HERE));
        assertThat(engine).isEmpty();
        // after the mark, a change of someone else's is the engine's again
        echoes.accept(row("facilities"));
        assertThat(engine).extracting(DataChange::table).containsExactly("facilities");
    }

    @Test
    void aChangeOutsideTheEditsAreaIsTheEnginesAtTheMark() {
        // the editor recomputes only the towns its area meets: a change elsewhere committed meanwhile is not covered
        echoes.starting();
        echoes.accept(row("grids"));
        echoes.accept(new DataChange("facilities", "UPDATE", new Envelope(107.0, 107.1, 29.0, 29.1)));
        assertThat(engine).isEmpty();
        echoes.accept(new DataChange(EditEchoes.MARK_TABLE, "COMMIT", HERE));
        assertThat(engine).hasSize(1);
        assertThat(engine.get(0).bounds().covers(new Envelope(107.0, 107.1, 29.0, 29.1))).isTrue();
        // within the area: covered, dropped
        echoes.starting();
        echoes.accept(row("households"));
        echoes.accept(new DataChange(EditEchoes.MARK_TABLE, "COMMIT", HERE));
        assertThat(engine).hasSize(1);
    }

    @Test
    void aMarkArrivingBeforeTheEditorReturnsStillCountsForItsEdit() {
        echoes.starting();
        echoes.accept(row("grids"));
        echoes.accept(mark());
        echoes.accept(row("grids"));
        assertThat(engine).hasSize(1);
    }

    @Test
    void roadsAndHazardsAlwaysPassTheEditorDoesNotReloadThem() {
        echoes.starting();
        echoes.accept(row("roads"));
        echoes.accept(row("hazards"));
        assertThat(engine).extracting(DataChange::table).containsExactly("roads", "hazards");
    }

    @Test
    void anEditThatDoesNotCommitReleasesWhatWasHeld() {
        echoes.starting();
        echoes.accept(row("villages"));
        assertThat(engine).isEmpty();
        echoes.abandoned();
        assertThat(engine).extracting(DataChange::table).containsExactly("villages");
    }

    @Test
    void aResyncPassesAndForgetsTheMarksItMayHaveSwallowed() {
        echoes.starting();
        echoes.accept(DataChange.everything("grids"));
        echoes.accept(row("grids"));
        assertThat(engine).hasSize(2);
    }

    @Test
    void aMarkOverdueIsTakenAsLost() {
        echoes.starting();
        echoes.accept(row("grids"));
        now = now.plus(EditEchoes.MARK_OVERDUE).plus(Duration.ofMillis(1));
        echoes.accept(row("staff"));
        assertThat(engine).extracting(DataChange::table).containsExactly("staff");
        echoes.accept(row("grids"));
        assertThat(engine).hasSize(2);
    }
}
