package org.gridmap.demo;

/** One member of a grid's staff; {@code n} numbers the members of one role within the grid from 1. */
record StaffMember(String gridCode, String role, int n, String name, String phone, String duties) {
    String id() {
        return gridCode + "-" + role + "-" + n;
    }
}
