import { describe, expect, it } from 'vitest';
import { cleanNote, MAX_NOTE_CHARS, parseNotes } from '../../../src/lib/persist/run-notes';
import { parseRecord, RECORD_VERSION } from '../../../src/lib/persist/workspace-record';

describe('run notes', () => {
  it('keeps a note trimmed, and cuts a very long one at a character boundary', () => {
    expect(cleanNote('  rerun with warm-up \n')).toBe('rerun with warm-up');
    const long = '🙂'.repeat(MAX_NOTE_CHARS + 10);
    const cut = cleanNote(long);
    expect([...cut]).toHaveLength(MAX_NOTE_CHARS);
    expect(cut.endsWith('🙂')).toBe(true);
  });

  it('reads only string notes on named runs, as plain text', () => {
    const notes = parseNotes({
      'wandb:abc': '<img src=x onerror=alert(1)>',
      'mlflow:1': 42,
      '': 'no run',
      'wandb:def': '   ',
      __proto__: 'not a prototype',
    });
    expect(Object.entries(notes)).toEqual([['wandb:abc', '<img src=x onerror=alert(1)>']]);
    expect(parseNotes(['a'])).toEqual({});
    expect(parseNotes(null)).toEqual({});
  });

  it('come back with a kept record, and a record from before notes has none', () => {
    const record = parseRecord(
      JSON.stringify({
        version: RECORD_VERSION,
        savedAt: '2026-12-07T00:00:00Z',
        files: [],
        view: null,
        notes: { 'wandb:abc': 'best so far' },
      }),
    );
    expect(record?.notes).toEqual({ 'wandb:abc': 'best so far' });
    const older = parseRecord(JSON.stringify({ version: RECORD_VERSION, files: [], view: null }));
    expect(older?.notes).toEqual({});
  });
});
