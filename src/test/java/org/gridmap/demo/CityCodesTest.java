package org.gridmap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A city of 1,000 towns: every town, village and grid code is valid and unique, and every town has its own name. */
class CityCodesTest {
    @Test
    void aThousandTownsHaveValidUniqueCodesAndNames() {
        CityPlanner city = new CityPlanner(1000, TownGenerator.DEFAULT_SEED);
        Set<String> towns = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> villages = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            TownPlan t = city.plan(i);
            assertThat(t.code()).as("town %d", i).matches("[0-9]{9}000");
            assertThat(towns.add(t.code())).as("town code %s", t.code()).isTrue();
            assertThat(names.add(t.name())).as("town name %s", t.name()).isTrue();
            for (UnitPlan u : t.units()) {
                assertThat(u.code()).matches("[0-9]{12}").startsWith(t.code().substring(0, 9));
                assertThat(villages.add(u.code())).isTrue();
            }
        }
        // the first 100 towns keep the codes of the 100-town city (county 500199, townships 100 …)
        assertThat(city.plan(100).code()).isEqualTo("500199199000");
        assertThat(city.plan(900).code()).isEqualTo("500199999000");
        assertThat(city.plan(901).code()).isEqualTo("500198100000");
    }
}
