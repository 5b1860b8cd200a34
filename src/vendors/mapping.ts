/** Small vendor-neutral helpers the mappers share. */

/** An ISO-8601 string (any offset) to a Date; null when absent or unreadable. */
export function isoDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** "First Last", or the fallback when both are empty. */
export function fullName(
  first: string | null | undefined,
  last: string | null | undefined,
  fallback: string,
): string {
  return [nonEmpty(first), nonEmpty(last)].filter(Boolean).join(" ") || fallback;
}

/** Strip HTML tags from a rich-text description (a vendor that stores `<p>…</p>`). */
export function plainText(html: string | null | undefined): string | null {
  if (!html) return null;
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  return text || null;
}
