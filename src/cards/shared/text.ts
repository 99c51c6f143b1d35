/** Small text helpers for card wording and for `speak` (what a screen reader says). */

/** The text ending with a full stop, unless it already ends a sentence. */
export const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The text without its leading symbol ("📋 Title" → "Title"), so it is not read out. */
export const stripSymbol = (text: string): string => text.replace(/^\s*\p{Extended_Pictographic}[\uFE0F\u200D\p{Extended_Pictographic}]*\s*/u, '');
