import { describe, expect, it } from 'vitest';
import { escapeHtml, fragment, h, Html } from '../../../src/lib/share/report/html';
import { jsonScript, scriptSafeJson } from '../../../src/lib/share/report/json-block';

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  'line\u2028separator\u2029paragraph',
  'x]]><svg onload=alert(3)>',
  `"quoted" & 'single'`,
  '\u202Eevil.exe',
];

/** What an HTML parser would read back from escaped text (the five entities escapeHtml writes). */
function unescape(html: string): string {
  return html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

describe('escapeHtml', () => {
  it.each(HOSTILE)('leaves no markup character in %j and reads back as the same text', (text) => {
    const escaped = escapeHtml(text);
    expect(escaped).not.toMatch(/[<>"]/);
    expect(escaped.replace(/&(amp|lt|gt|quot);/g, '')).not.toContain('&');
    expect(unescape(escaped)).toBe(text);
  });
});

describe('h', () => {
  it('writes string children and attribute values as text, never as markup', () => {
    const name = '</script><script>alert(1)</script>';
    const html = h('td', { title: '"><img src=x onerror=alert(1)>', 'data-run': name }, name).html;
    expect(html).toBe(
      '<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" data-run="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>',
    );
    expect(html.match(/</g)).toHaveLength(2);
  });

  it('inserts markup it made itself, nests arrays and leaves out empty children', () => {
    const html = h('p', {}, 'a ', h('strong', {}, 'b'), [null, false, undefined, [' c', 1]]).html;
    expect(html).toBe('<p>a <strong>b</strong> c1</p>');
    expect(fragment(h('br'), 'x').html).toBe('<br>x');
  });

  it('writes boolean attributes bare and leaves out null, undefined and false ones', () => {
    expect(h('input', { checked: true, disabled: false, value: null, id: undefined }).html).toBe(
      '<input checked>',
    );
  });

  it('refuses event handler attributes and names that are not names', () => {
    expect(() => h('img', { onerror: 'alert(1)' })).toThrow(/event handler/);
    expect(() => h('svg', { OnLoad: 'alert(1)' })).toThrow(/event handler/);
    expect(() => h('td', { 'x"y': '1' })).toThrow(/attribute name/);
    expect(() => h('script src=x', {})).toThrow(/tag name/);
  });

  it('treats a string that looks like markup as text even where Html is accepted', () => {
    const child: unknown = '<b>bold</b>';
    expect(h('p', {}, child as string).html).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>');
    expect(h('p', {}, new Html('<b>ours</b>')).html).toBe('<p><b>ours</b></p>');
  });
});

describe('the JSON data block', () => {
  const data = {
    names: HOSTILE,
    nested: {
      '</script>': ['<!--', '-->', '<![CDATA[', ']]>'],
      n: 1.5,
      z: -0,
      t: true,
      none: null,
    },
    unicode: 'ünïcødé \u{1F600} \u2028\u2029',
  };

  it('holds no character that could end its element or be read as markup', () => {
    const text = scriptSafeJson(data);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(text).toContain('\\u2028');
  });

  it('parses back to exactly the input', () => {
    expect(JSON.parse(scriptSafeJson(data))).toEqual(JSON.parse(JSON.stringify(data)));
    expect(JSON.parse(scriptSafeJson(HOSTILE))).toEqual(HOSTILE);
  });

  it('is one inert element whose text is the JSON', () => {
    const html = jsonScript('lockstep-data', data).html;
    const open = '<script type="application/json" id="lockstep-data">';
    expect(html.startsWith(open)).toBe(true);
    expect(html.endsWith('</script>')).toBe(true);
    const inner = html.slice(open.length, -'</script>'.length);
    expect(inner).not.toContain('<');
    expect(JSON.parse(inner)).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('writes typed arrays as arrays and non-finite numbers as named strings', () => {
    const text = scriptSafeJson({
      x: Float64Array.of(1, NaN, Infinity, -Infinity),
      n: Int32Array.of(2, 3),
    });
    expect(JSON.parse(text)).toEqual({ x: [1, 'NaN', 'Infinity', '-Infinity'], n: [2, 3] });
  });
});
