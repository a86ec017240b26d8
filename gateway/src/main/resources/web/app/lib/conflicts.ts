// What a 412 means to the person editing: which fields someone else changed since the form was
// opened (original -> current), so the form can show "now: ..." next to them and keep what was typed.

export type Flat = Record<string, string>;

/** A JSON value flattened to dotted paths (contacts[0].email) with display strings. */
export function flatten(value: unknown, prefix = "", into: Flat = {}): Flat {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) {
      into[prefix] = "";
    }
    value.forEach((item, i) => flatten(item, `${prefix}[${i}]`, into));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      flatten(item, prefix ? `${prefix}.${key}` : key, into);
    }
  } else if (prefix) {
    into[prefix] = value === null || value === undefined ? "" : String(value);
  }
  return into;
}

/** The fields whose current value differs from the one the form was opened with, and what they are now. */
export function changedSince(original: unknown, current: unknown): Flat {
  const before = flatten(original);
  const now = flatten(current);
  const changed: Flat = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
    if ((before[key] ?? "") !== (now[key] ?? "")) {
      changed[key] = now[key] ?? "";
    }
  }
  return changed;
}

/** The changes of one top-level field (name, address.city, ...) or its children. */
export function changesUnder(changed: Flat, field: string): string[] {
  return Object.entries(changed)
    .filter(([key]) => key === field || key.startsWith(`${field}.`) || key.startsWith(`${field}[`))
    .map(([, value]) => value);
}
