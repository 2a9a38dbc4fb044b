/**
 * The user's own notes on runs, by tracker id (run key): plain text, kept with the workspace and
 * carried by a workspace file and the report. Read back strictly: only string notes on string
 * keys, each cut to its cap and said so, never evaluated.
 */

export const MAX_NOTE_CHARS = 4_000;
export const MAX_NOTES = 10_000;

export type RunNotesRecord = Record<string, string>;

/** A note as kept: trimmed, at most MAX_NOTE_CHARS characters (cut at a character boundary). */
export function cleanNote(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= MAX_NOTE_CHARS
    ? trimmed
    : [...trimmed].slice(0, MAX_NOTE_CHARS).join('');
}

/** The notes of a stored record or a workspace file; anything of the wrong shape is left out. */
export function parseNotes(value: unknown): RunNotesRecord {
  const notes: RunNotesRecord = Object.create(null) as RunNotesRecord;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return notes;
  let count = 0;
  for (const [key, text] of Object.entries(value)) {
    if (count >= MAX_NOTES) break;
    if (typeof text !== 'string' || key.length === 0) continue;
    const note = cleanNote(text);
    if (note.length === 0) continue;
    notes[key] = note;
    count++;
  }
  return notes;
}
