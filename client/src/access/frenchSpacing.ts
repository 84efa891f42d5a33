/**
 * French typography: the space before ; : ! ? » and after « does not break, so no line of an
 * access page starts with a ";" or a ":" (and a quotation keeps its marks).
 */
const NBSP = '\u00a0';

export const frenchSpacing = (text: string) => text.replace(/ ([;:!?»])/g, `${NBSP}$1`).replace(/« /g, `«${NBSP}`);

/** The same over every text of a messages object (nested ones included). */
export function withFrenchSpacing<T extends object>(messages: T): T {
  return Object.fromEntries(
    Object.entries(messages).map(([key, value]: [string, unknown]) => [
      key,
      typeof value === 'string'
        ? frenchSpacing(value)
        : value !== null && typeof value === 'object'
          ? withFrenchSpacing(value)
          : value,
    ]),
  ) as T;
}
