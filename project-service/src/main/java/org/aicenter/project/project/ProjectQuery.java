package org.aicenter.project.project;

import org.aicenter.platform.persistence.Criteria;
import org.aicenter.platform.paging.Page;
import org.aicenter.platform.paging.PageRequest;
import org.aicenter.platform.paging.Sorting;
import org.aicenter.platform.persistence.Listing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The filters of {@code GET /api/v1/projects}; each one is served by an index (partnerId by
 * project_participants_partner, tag by project_tags_tag, q by projects_search over the characters and
 * character pairs of search_text, the others by their column's index).
 */
public record ProjectQuery(List<ProjectStatus> statuses, List<ResearchArea> areas, UUID partnerId, String tag,
                           LocalDate startFrom, LocalDate startTo, LocalDate endFrom, LocalDate endTo,
                           String q, Instant updatedSince) {

    /** The list's sort fields, the default first. */
    public static final String SORT = "-createdAt,code,title,status,researchArea,startDate,endDate,budget,updatedAt";
    public static final Sorting SORTING = Sorting.of(SORT, sortFields());

    private static Map<String, String> sortFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", "code");
        fields.put("title", "title");
        fields.put("status", "status");
        fields.put("researchArea", "researchArea");
        fields.put("startDate", "startDate");
        fields.put("endDate", "endDate");
        fields.put("budget", "budgetAmount");
        fields.put("createdAt", "createdAt");
        fields.put("updatedAt", "updatedAt");
        return fields;
    }

    <V> Page<V> run(PageRequest page, String sort, Function<Project, V> view) {
        Criteria criteria = new Criteria()
                .and("p.status in :statuses", "statuses", statuses.isEmpty() ? null : statuses)
                .and("p.researchArea in :areas", "areas", areas.isEmpty() ? null : areas)
                .and("exists (select 1 from Project pp join pp.participants part "
                        + "where pp.id = p.id and part.partnerId = :partnerId)", "partnerId", partnerId)
                .and("exists (select 1 from Project pt join pt.tags t where pt.id = p.id and t = :tag)", "tag",
                        tag == null ? null : tag.toLowerCase(Locale.ROOT))
                .and("p.startDate >= :startFrom", "startFrom", startFrom)
                .and("p.startDate <= :startTo", "startTo", startTo)
                .and("p.endDate >= :endFrom", "endFrom", endFrom)
                .and("p.endDate <= :endTo", "endTo", endTo)
                .and("p.updatedAt >= :updatedSince", "updatedSince", updatedSince)
                .containsText(q, "p.searchText");
        return Listing.page(Project.class, "p", criteria, SORTING.orderBy(sort, "p"), page,
                projects -> projects.stream().map(view).toList());
    }
}
