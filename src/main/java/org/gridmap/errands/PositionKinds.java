package org.gridmap.errands;

import java.util.List;
import org.gridmap.vocabulary.WordList;

/**
 * Where staff work on errands, from the courtyard up: a service point, a grid hub, a village service station, a
 * window of the town's one-stop center. The one definition of the list: routes check against it, the web map gets
 * it as {@code errandPositionKinds} from {@code GET /api/vocabulary}, and a test holds the database's check on
 * {@code errand_positions.kind} to it. The level is the errand stage a position holds: the supervisor of an errand
 * at a level is the head of a position at that level or above it.
 */
public final class PositionKinds {
    private PositionKinds() { }

    public static final WordList KINDS = WordList.of("errandPositionKinds",
            "point", "服务点", "service point",
            "grid", "网格驿站", "grid hub",
            "station", "村便民服务站", "village service station",
            "window", "便民服务中心窗口", "service center window");

    public static List<WordList> wordLists() { return List.of(KINDS); }

    /** 1 for a point, 2 a grid hub, 3 a station, 4 a center window. */
    public static int level(String kind) {
        int i = KINDS.ids().indexOf(kind);
        if (i < 0) throw new IllegalArgumentException("no position kind " + kind);
        return i + 1;
    }

    /** The level that holds an errand at {@code stage}: after the department it stays with the center. */
    public static int levelOfStage(String stage) {
        return switch (stage) {
            case "filed" -> 1;
            case "grid" -> 2;
            case "station" -> 3;
            default -> 4;
        };
    }
}
