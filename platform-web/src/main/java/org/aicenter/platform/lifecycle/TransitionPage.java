package org.aicenter.platform.lifecycle;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of a history, as the contract documents it (the body is a {@code Page<TransitionView>}). */
@Schema(name = "TransitionPage")
public record TransitionPage(List<TransitionView> items, int page, int size, long totalItems, int totalPages, boolean totalItemsExact) {
}
