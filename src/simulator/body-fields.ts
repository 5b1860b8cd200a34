/**
 * The property of a request body that carries a value, as a dotted path (`UserData.Email`,
 * `users.0.email`): depth first, in body order, text compared ignoring case. Null when no property
 * holds it. The `refuse` fault uses it to refuse the field a test names by its value, in whatever
 * shape the vendor's body has.
 */
export function propertyHolding(body: unknown, value: string): string | null {
  const wanted = value.toLowerCase();
  const search = (node: unknown, path: readonly string[]): string | null => {
    if (typeof node === "string")
      return path.length > 0 && node.toLowerCase() === wanted ? path.join(".") : null;
    if (typeof node !== "object" || node === null) return null;
    for (const [key, child] of Object.entries(node)) {
      const found = search(child, [...path, key]);
      if (found !== null) return found;
    }
    return null;
  };
  return search(body, []);
}
