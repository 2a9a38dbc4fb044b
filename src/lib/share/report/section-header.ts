/** The report's opening: when it was made, from which files, which runs, who is the student. */

import { formatBytes, formatCount } from '../../format';
import { h, type Html } from './html';
import type { ReportContext } from './report-context';
import type { ReportData } from './report-data';

export function headerSection(data: ReportData, ctx: ReportContext): Html {
  const files = data.files;
  const student = data.student;
  const base = data.lineage?.base ?? null;
  return h(
    'header',
    { class: 'report-head', 'data-testid': 'report-header' },
    h('h1', {}, 'Lockstep report'),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Made'),
      h('dd', {}, h('time', { datetime: data.createdAt }, readableDate(data.createdAt))),
      h('dt', {}, 'Files'),
      h('dd', {}, `${formatCount(files.length)} file${files.length === 1 ? '' : 's'}`),
      h('dt', {}, 'Runs'),
      h(
        'dd',
        { 'data-testid': 'report-run-count' },
        `${formatCount(data.runsLoaded)} loaded; ${formatCount(data.compared.length)} in the same-step comparison`,
      ),
      h('dt', {}, 'Student'),
      h(
        'dd',
        { 'data-testid': 'report-student' },
        student
          ? [
              h('strong', {}, ctx.name(student.runId)),
              ` (${ctx.run(student.runId).runKey}), ${student.reason}`,
            ]
          : 'none (fewer than two runs compared)',
      ),
      h('dt', {}, 'Base run'),
      h(
        'dd',
        {},
        base === null
          ? 'none'
          : [
              h('strong', {}, ctx.name(base)),
              ` (${ctx.run(base).runKey}), the run the others' configuration is compared to`,
            ],
      ),
    ),
    h(
      'p',
      { class: 'note' },
      'Everything here was computed in the browser from the files below; nothing was sent anywhere. The data behind these tables and charts is embedded in this file as JSON (the element with id "lockstep-data").',
    ),
    filesTable(data),
  );
}

function filesTable(data: ReportData): Html {
  return h(
    'table',
    { class: 'files', 'data-testid': 'report-files' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'File'),
        h('th', { class: 'num' }, 'Size'),
        h('th', {}, 'Status'),
        h('th', {}, 'SHA-256 (start; in full in the data)'),
      ),
    ),
    h(
      'tbody',
      {},
      data.files.map((f) =>
        h(
          'tr',
          {},
          h('td', { class: 'name' }, f.name),
          h('td', { class: 'num' }, f.bytes === null ? '—' : formatBytes(f.bytes)),
          h('td', {}, f.status),
          h('td', { class: 'hash', title: f.sha256 }, f.sha256 ? `${f.sha256.slice(0, 16)}…` : '—'),
        ),
      ),
    ),
  );
}

/** "2026-12-05 14:03 UTC": the same in every time zone the file is opened in. */
export function readableDate(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}
