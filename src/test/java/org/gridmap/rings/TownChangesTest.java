package org.gridmap.rings;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridmap.changes.DataChange;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** What the feed's changes to the towns' rows ask of the engine, taken whole. */
class TownChangesTest {
    final TownChanges changes = new TownChanges();

    @Test
    void updatesWithBoxesAreAnAreaAndStaffAloneIsStaff() {
        changes.note(new DataChange("grids", "UPDATE", new Envelope(106.1, 106.2, 29.1, 29.2)));
        changes.note(new DataChange("households", "UPDATE", new Envelope(106.3, 106.4, 29.3, 29.4)));
        changes.note(new DataChange("staff", "UPDATE", null));
        TownChanges.Taken t = changes.take();
        assertThat(t.any()).isTrue();
        assertThat(t.anywhere()).isFalse();
        assertThat(t.staff()).isTrue();
        assertThat(t.area()).isEqualTo(new Envelope(106.1, 106.4, 29.1, 29.4));
        TownChanges.Taken again = changes.take();
        assertThat(again.any()).as("taken once").isFalse();
        assertThat(again.area().isNull()).isTrue();
        assertThat(again.staff()).isFalse();
    }

    @Test
    void rowsAddedAVillageOrAResyncAreTheWholeModel() {
        for (DataChange c : new DataChange[] {new DataChange("households", "INSERT", new Envelope(1, 2, 1, 2)),
                new DataChange("facilities", "DELETE", new Envelope(1, 2, 1, 2)), new DataChange("villages", "UPDATE", new Envelope(1, 2, 1, 2)),
                DataChange.everything("staff"), DataChange.everything("grids")}) {
            changes.note(c);
            TownChanges.Taken t = changes.take();
            assertThat(t.anywhere()).as(c.toString()).isTrue();
            assertThat(t.staff()).as(c.toString()).isFalse();
        }
    }
}
