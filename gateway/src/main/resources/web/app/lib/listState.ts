// A list's filters, sort and page as URL query parameters, so a link shows the same page to
// anyone. Unknown or malformed values are dropped, never sent on to the API.

export interface Field {
  name: string;
  /** allowed values; absent for free text */
  values?: readonly string[];
}

export interface ListState {
  filters: Record<string, string>;
  sort: string;
  page: number;
  size: number;
}

export const PAGE_SIZES = [10, 20, 50, 100];

export function readListState(query: URLSearchParams, fields: readonly Field[], sorts: readonly string[],
                              defaultSort: string): ListState {
  const filters: Record<string, string> = {};
  for (const field of fields) {
    const value = query.get(field.name)?.trim();
    if (value && value.length <= 200 && (!field.values || field.values.includes(value))) {
      filters[field.name] = value;
    }
  }
  const sort = query.get("sort") ?? "";
  const page = Number(query.get("page"));
  const size = Number(query.get("size"));
  return {
    filters,
    sort: sorts.includes(sort) ? sort : defaultSort,
    page: Number.isInteger(page) && page >= 0 ? page : 0,
    size: PAGE_SIZES.includes(size) ? size : 20,
  };
}

/** The query string for a state: defaults left out so links stay short. */
export function writeListState(state: ListState, defaultSort: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(state.filters)) {
    if (value) {
      query.set(name, value);
    }
  }
  if (state.sort !== defaultSort) {
    query.set("sort", state.sort);
  }
  if (state.page > 0) {
    query.set("page", String(state.page));
  }
  if (state.size !== 20) {
    query.set("size", String(state.size));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** A filter changed: back to the first page, as any list does. */
export function withFilter(state: ListState, name: string, value: string): ListState {
  const filters = { ...state.filters };
  if (value) {
    filters[name] = value;
  } else {
    delete filters[name];
  }
  return { ...state, filters, page: 0 };
}
