package org.gridmap.importer;

import java.util.List;

/** The set was refused; the database was left exactly as it was. */
public final class ImportRejected extends Exception {
    private final List<ImportProblem> problems;

    public ImportRejected(List<ImportProblem> problems) {
        super(problems.size() + " problem(s), first: " + (problems.isEmpty() ? "-" : problems.get(0)));
        this.problems = List.copyOf(problems);
    }

    public List<ImportProblem> problems() { return problems; }
}
