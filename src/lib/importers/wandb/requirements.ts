/**
 * `requirements.txt` as W&B saves it in a run's files (a `pip freeze` of the environment): one meta
 * row per package, key `package:<name>` with the name normalized as pip does (PEP 503: lowercase,
 * runs of `-_.` as one `-`), value the version (`2.1.0`) or, for anything but `==`, the
 * requirement as written (`@ file:///…`, `>=1.2`). One row per package lets an environment diff
 * join two runs on the key and show only the packages that differ.
 */

export const PACKAGE_PREFIX = 'package:';

const REQUIREMENT = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/;
const EGG = /#egg=([A-Za-z0-9][A-Za-z0-9._-]*)/;

export interface RequirementRows {
  packages: { key: string; value: string }[];
  /** Lines that name no package, with their line number. */
  unread: { line: number; text: string }[];
}

export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function requirementRows(text: string): RequirementRows {
  const packages: RequirementRows['packages'] = [];
  const unread: RequirementRows['unread'] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#(?!egg=).*$/, '').trim();
    if (line === '') return;
    const editable = /^(-e|--editable)\s+(.+)$/.exec(line);
    if (editable) {
      const egg = EGG.exec(editable[2]);
      if (egg)
        packages.push({ key: PACKAGE_PREFIX + normalizePackageName(egg[1]), value: editable[2] });
      else unread.push({ line: i + 1, text: raw });
      return;
    }
    const match = line.startsWith('-') ? null : REQUIREMENT.exec(line);
    if (!match) {
      unread.push({ line: i + 1, text: raw });
      return;
    }
    const spec = match[3].replace(/;.*$/, '').trim();
    const version = /^===?\s*(\S+)$/.exec(spec);
    packages.push({
      key: PACKAGE_PREFIX + normalizePackageName(match[1]),
      value: version ? version[1] : spec,
    });
  });
  return { packages, unread };
}
