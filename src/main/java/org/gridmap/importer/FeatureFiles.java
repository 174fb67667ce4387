package org.gridmap.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a feature set's files come from: a directory, or the demo set packed into the program. */
public interface FeatureFiles {
    /** The file's content, or null when the set has no such file. */
    InputStream open(String name) throws IOException;

    /** The size in bytes, for progress; -1 when unknown. */
    long size(String name);

    String describe();

    static FeatureFiles directory(Path dir) {
        return new FeatureFiles() {
            @Override public InputStream open(String name) throws IOException {
                Path p = dir.resolve(name);
                return Files.exists(p) ? Files.newInputStream(p) : null;
            }
            @Override public long size(String name) {
                try { return Files.size(dir.resolve(name)); } catch (IOException e) { return -1; }
            }
            @Override public String describe() { return dir.toString(); }
        };
    }

    static FeatureFiles classpath(String folder) {
        return new FeatureFiles() {
            @Override public InputStream open(String name) {
                return FeatureFiles.class.getResourceAsStream(folder + "/" + name);
            }
            @Override public long size(String name) { return -1; }
            @Override public String describe() { return "classpath:" + folder; }
        };
    }
}
