/**
 * What a kept workspace was: its files (the key each is stored under, name, size, and, for files
 * the engine's snapshot holds, their report and source id), its debug samples' files, its view state
 * and the user's notes on runs. Read back strictly:
 * a record of another version, or one that does not parse, is no record.
 */

import type { SourceReport, SourceStatus } from '../engine/api';
import type { ViewState } from '../share/view-state';
import { parseNotes, type RunNotesRecord } from './run-notes';

export const RECORD_VERSION = 1;

export interface RecordFile {
  /** The stored copy's key (see stored-files.ts). */
  key: string;
  name: string;
  bytes: number | null;
  /** Set when the engine's snapshot holds this file as read: no need to read it again. */
  loaded: { status: SourceStatus; points: number; report: SourceReport; sourceId: number } | null;
}

/** A debug sample's file (an image at an iteration…): read again by its path, which says what it is. */
export interface RecordSample {
  key: string;
  name: string;
  bytes: number;
}

export interface WorkspaceRecord {
  version: number;
  savedAt: string;
  files: RecordFile[];
  /** A record written before samples were kept has none. */
  samples: RecordSample[];
  view: ViewState | null;
  /** The user's notes on runs, by run key (a record written before notes existed has none). */
  notes: RunNotesRecord;
}

export function parseRecord(text: string | null): WorkspaceRecord | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const record = value as Partial<WorkspaceRecord> | null;
  if (!record || record.version !== RECORD_VERSION || !Array.isArray(record.files)) return null;
  const files = record.files.filter(
    (f): f is RecordFile =>
      typeof f === 'object' &&
      f !== null &&
      typeof f.key === 'string' &&
      typeof f.name === 'string',
  );
  const samples = (Array.isArray(record.samples) ? record.samples : []).filter(
    (f): f is RecordSample =>
      typeof f === 'object' &&
      f !== null &&
      typeof f.key === 'string' &&
      typeof f.name === 'string' &&
      typeof f.bytes === 'number',
  );
  return {
    version: RECORD_VERSION,
    savedAt: typeof record.savedAt === 'string' ? record.savedAt : '',
    files,
    samples,
    view: record.view && typeof record.view === 'object' ? record.view : null,
    notes: parseNotes(record.notes),
  };
}
