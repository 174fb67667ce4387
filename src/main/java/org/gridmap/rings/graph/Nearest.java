package org.gridmap.rings.graph;

/** The nearest facility by travel time: its index in the facilities array, seconds and metres along the network. */
public record Nearest(int facility, double seconds, double meters) { }
