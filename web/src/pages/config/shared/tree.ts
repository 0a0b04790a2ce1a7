/** Items of a tree (OUs, case types) in depth-first order, each with its depth, for lists and pickers. */
export function treeOrder<T extends { id: string; name: string; parentId: string | null }>(
  items: readonly T[],
): { item: T; depth: number }[] {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    // An item whose parent is not in the list (not visible) is shown at the top.
    const parent = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  const result: { item: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const item of list) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      result.push({ item, depth });
      walk(item.id, depth + 1);
    }
  };
  walk(null, 0);
  // Anything left (a cycle) is still listed.
  for (const item of items) if (!seen.has(item.id)) result.push({ item, depth: 0 });
  return result;
}

/** The ids of an item and everything below it: what may not become its parent. */
export function selfAndDescendants(
  items: readonly { id: string; parentId: string | null }[],
  id: string,
): Set<string> {
  const result = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of items) {
      if (item.parentId !== null && result.has(item.parentId) && !result.has(item.id)) {
        result.add(item.id);
        grew = true;
      }
    }
  }
  return result;
}

/** A name indented by its depth, for the options of a tree picker. */
export function indented(name: string, depth: number): string {
  return `${'\u2003'.repeat(depth)}${name}`;
}

/**
 * The choices of an item's parent picker, as an indented tree: every item but the item itself and
 * those below it (which would make a cycle). `self` null: a new item, which may go anywhere.
 */
export function parentOptions<T extends { id: string; name: string; parentId: string | null }>(
  items: readonly T[],
  self: T | null,
): { value: string; label: string }[] {
  const excluded = self ? selfAndDescendants(items, self.id) : new Set<string>();
  return treeOrder(items)
    .filter(({ item }) => !excluded.has(item.id))
    .map(({ item, depth }) => ({ value: item.id, label: indented(item.name, depth) }));
}
