// A list's filters, sort and page as URL query parameters, so a link shows the same page to
// anyone. Unknown or malformed values are dropped, never sent on to the API.

export interface Field {
  name: string;
  /** allowed values; absent for free text */
  values?: readonly string[];
}

/** `S`: the sort keys the list's API accepts, so a state always holds one it will take. */
export interface ListState<S extends string = string> {
  filters: Record<string, string>;
  sort: S;
  page: number;
  size: number;
}

export const PAGE_SIZES = [10, 20, 50, 100];

export function readListState<S extends string>(query: URLSearchParams, fields: readonly Field[], sorts: readonly S[],
                                                defaultSort: S): ListState<S> {
  const filters: Record<string, string> = {};
  for (const field of fields) {
    const value = query.get(field.name)?.trim();
    if (value && value.length <= 200 && (!field.values || field.values.includes(value))) {
      filters[field.name] = value;
    }
  }
  const given = query.get("sort") ?? "";
  const page = Number(query.get("page"));
  const size = Number(query.get("size"));
  return {
    filters,
    sort: sorts.find((sort) => sort === given) ?? defaultSort,
    page: Number.isInteger(page) && page >= 0 ? page : 0,
    size: PAGE_SIZES.includes(size) ? size : 20,
  };
}

/** The query string for a state: defaults left out so links stay short. */
export function writeListState<S extends string>(state: ListState<S>, defaultSort: S): string {
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
export function withFilter<S extends string>(state: ListState<S>, name: string, value: string): ListState<S> {
  const filters = { ...state.filters };
  if (value) {
    filters[name] = value;
  } else {
    delete filters[name];
  }
  return { ...state, filters, page: 0 };
}
