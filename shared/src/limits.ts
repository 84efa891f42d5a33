/** Numeric limits shared by both sides. */

/**
 * Largest inbound request, in UTF-8 bytes of its JSON: room for the largest valid request (a point
 * de situation: 7 lines and a body, every character 3 bytes, escaped), and little more.
 */
export const MAX_MESSAGE_BYTES = 48 * 1024;
/** Longest free text (main-courante entry, statement field), in characters. */
export const MAX_TEXT = 4000;
/** Longest line of a point de situation, in characters. */
export const MAX_LINE = 1000;
/** Longest short text (labels, reasons, notes), in characters. */
export const MAX_SHORT_TEXT = 300;
/** Automatic journal lines, ETA revisions and statements a projection keeps (the latest ones). */
export const PROJECTION_LIST_ENTRIES = 50;
/**
 * Human main-courante entries the situation (and every projection of it) keeps: the latest ones, so
 * an append costs the same at any length. A broadcast carries every entry appended since the previous
 * one up to this many; the whole main courante is read a page at a time with `log:list`.
 */
export const SITUATION_LOG_ENTRIES = 100;
/** Automatic journal lines the situation itself keeps (the full record is in the event log). */
export const SITUATION_JOURNAL_LINES = 100;
/** Most items one bulk change may carry (every system of every hospital fits, well within MAX_MESSAGE_BYTES). */
export const MAX_BULK_ITEMS = 400;
/** A person's latest item changes the server lists for undo (`changes:list`), within the current log. */
export const RECENT_CHANGES = 20;
/** Idempotency keys: 8 to 100 characters. */
export const IDEMPOTENCY_KEY = { min: 8, max: 100 } as const;
/** Most entries one page of a history, audit or main-courante query carries, and how many when not said. */
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;
