// What a loaded value shows while it is loaded again.

export type Load<T> = { state: "loading" } | { state: "error"; error: unknown } | { state: "ok"; data: T };

/** Whether two load keys name the same thing: the same length and each part the same value. */
export function sameKeys(before: readonly unknown[] | null, now: readonly unknown[]): boolean {
  return before !== null && before.length === now.length && before.every((part, i) => Object.is(part, now[i]));
}

/**
 * The state to show while a load starts: loading for something else (another key), but the same
 * thing loaded again keeps what it showed (after a save, the page stays as it is, its focus, its
 * scroll and its messages too, until the fresh answer replaces it).
 */
export function whileLoading<T>(current: Load<T>, sameKey: boolean): Load<T> {
  return sameKey && current.state === "ok" ? current : { state: "loading" };
}
