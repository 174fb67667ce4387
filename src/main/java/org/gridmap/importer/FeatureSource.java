package org.gridmap.importer;

import java.io.IOException;
import java.io.InputStream;

/** Where the features of a set's files come from: whole files, or one town's part of a city's files. */
interface FeatureSource {
    /** Streams the features of {@code file} to {@code sink}; false when the set has no such file. */
    boolean read(String file, Problems problems, ImportProgress progress, FeatureReader.Sink sink) throws IOException;

    boolean has(String file) throws IOException;

    String describe();

    /** Every feature of each file. */
    static FeatureSource of(FeatureFiles files) {
        return new FeatureSource() {
            @Override
            public boolean read(String file, Problems problems, ImportProgress progress, FeatureReader.Sink sink)
                    throws IOException {
                try (InputStream in = files.open(file)) {
                    if (in == null) return false;
                    FeatureReader.read(file, in, files.size(file), problems, progress, sink);
                    return true;
                }
            }

            @Override
            public boolean has(String file) throws IOException {
                try (InputStream in = files.open(file)) {
                    return in != null;
                }
            }

            @Override
            public String describe() { return files.describe(); }
        };
    }
}
