package org.aicenter.project.part;

import org.aicenter.platform.changes.ChangeKind;
import org.aicenter.platform.concurrency.Versioned;
import org.aicenter.project.project.Project;

import org.aicenter.platform.paging.Sorting;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * What makes one kind of project part (milestones, outcomes) differ from the others; {@link
 * ProjectParts} and {@link ProjectPartResource} do the rest the same way for every kind.
 *
 * @param noun               the kind as a word in messages and the contract: "milestone"
 * @param of                 where the project keeps its parts of this kind, in their order
 * @param newIn              a new, empty part of a project
 * @param apply              takes a request's values (today in the center's zone; a prefix for field names in errors)
 * @param requestOf          the part as a request, for a merge patch to change
 * @param requestType        the request body's type
 * @param view               the part as the API answers it
 * @param finalOnceProjectIs whether the parts of a COMPLETED or CANCELLED project may no longer change
 * @param order              how the list is ordered, in the contract's words: "by due date"
 * @param rules              what a client must know about creating and changing one, for the contract
 * @param type               the part's entity
 * @param sorting            the list's sort fields ({@code sort()} documents them, the default first)
 */
public record PartKind<P extends ProjectPart, R, V extends Versioned>(
        String noun, Function<Project, List<P>> of, Function<Project, P> newIn, Apply<P, R> apply,
        Function<P, R> requestOf, Class<R> requestType, Function<P, V> view, boolean finalOnceProjectIs,
        String order, String rules, Class<P> type, Sorting sorting) {

    /** Takes a request's values into a part. */
    @FunctionalInterface
    public interface Apply<P, R> {
        void apply(P part, R request, LocalDate today, String field);
    }

    /** The noun as a 404 names what is missing: "Milestone". */
    public String title() {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }

    /** The collection's path segment: "milestones". */
    public String plural() {
        return noun + "s";
    }

    /** This kind in the projects' change feed: org.aicenter.milestone.*, source /api/v1/projects/{id}/milestones. */
    public ChangeKind changes() {
        return ChangeKind.of(noun, "/api/v1/projects/{parent}/" + plural());
    }

    /** "a milestone", "an outcome". */
    public String withArticle() {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
