package org.gridmap.rings.graph;

/**
 * Forward-star (CSR) adjacency: the entries of node u are {@code start[u] .. start[u+1]-1}. Each edge appears at
 * both of its end nodes. An entry holds the neighbour and a directed edge {@code e<<1 | backward}, where backward
 * means leaving this node walks the edge from its to-node towards its from-node. Endpoints never change after
 * build, so this structure is immutable and shared by every search.
 */
final class Adjacency {
    final int[] start;
    final int[] dirEdge;
    final int[] neighbour;

    Adjacency(int nodeCount, int[] from, int[] to) {
        int m = from.length;
        start = new int[nodeCount + 1];
        for (int e = 0; e < m; e++) {
            start[from[e] + 1]++;
            start[to[e] + 1]++;
        }
        for (int n = 0; n < nodeCount; n++) start[n + 1] += start[n];
        int[] fill = new int[nodeCount];
        dirEdge = new int[2 * m];
        neighbour = new int[2 * m];
        for (int e = 0; e < m; e++) {
            int a = from[e], b = to[e];
            int i = start[a] + fill[a]++;
            dirEdge[i] = e << 1;
            neighbour[i] = b;
            int j = start[b] + fill[b]++;
            dirEdge[j] = e << 1 | 1;
            neighbour[j] = a;
        }
    }

    static int edge(int dirEdge) {
        return dirEdge >>> 1;
    }

    static boolean backward(int dirEdge) {
        return (dirEdge & 1) != 0;
    }
}
