package org.gridmap.importer;

/** One reason a feature (or a whole file) cannot be imported. {@code featureId} is null for file-level problems. */
public record ImportProblem(String file, String featureId, String reason) {
    @Override
    public String toString() {
        return file + (featureId == null ? "" : " feature " + featureId) + ": " + reason;
    }
}
