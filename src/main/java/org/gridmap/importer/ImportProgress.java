package org.gridmap.importer;

/** Told how far the import has got in each file, as a fraction of its bytes. */
public interface ImportProgress {
    void progress(String file, long done, long total, long features);

    void finished(String file, long features);

    ImportProgress NONE = new ImportProgress() {
        @Override public void progress(String file, long done, long total, long features) { }
        @Override public void finished(String file, long features) { }
    };
}
