package org.gridmap.importer;

/** Told how far the import has got in each file, as a fraction of its bytes. */
public interface ImportProgress {
    void progress(String file, long done, long total, long features);

    void finished(String file, long features);

    /** A city set is imported town by town: {@code done} of {@code total} were imported by earlier runs. */
    default void townsStarted(int done, int total) { }

    /** A city's town was imported (committed): {@code done} of {@code total}. */
    default void town(int done, int total, String code) { }

    ImportProgress NONE = new ImportProgress() {
        @Override public void progress(String file, long done, long total, long features) { }
        @Override public void finished(String file, long features) { }
    };
}
