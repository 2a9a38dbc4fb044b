import { describe, expect, it } from 'vitest';
import { markdownText } from '../../../src/lib/share/markdown';

describe('markdownText', () => {
  it('escapes HTML so no renderer makes an element of a name', () => {
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(markdownText('a & b &lt;')).toBe('a \\& b \\&lt;');
  });

  it('escapes links, images, autolinks and code', () => {
    expect(markdownText('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(markdownText('![x](http://e.invalid/p.png)')).toBe('!\\[x\\](http://e.invalid/p.png)');
    expect(markdownText('<javascript:alert(1)>')).toBe('\\<javascript:alert(1)\\>');
    expect(markdownText('`rm -rf`')).toBe('\\`rm -rf\\`');
  });

  it('escapes emphasis and strikethrough, but not an underscore inside a word', () => {
    expect(markdownText('*bold* ~~gone~~')).toBe('\\*bold\\* \\~\\~gone\\~\\~');
    expect(markdownText('_private_ warmup_steps __init__')).toBe(
      '\\_private\\_ warmup_steps \\_\\_init\\_\\_',
    );
  });

  it('keeps a value inside its table cell and on its line', () => {
    expect(markdownText('a|b')).toBe('a\\|b');
    expect(markdownText('back\\slash')).toBe('back\\\\slash');
    expect(markdownText('two\nlines\r\n# heading')).toBe('two lines # heading');
  });

  it('leaves ordinary names as they are', () => {
    for (const name of ['vit-s16-adamw-lr1e-3-s0', 'val/acc', 'lr=3e-4, seed 2', 'Zürich 名前'])
      expect(markdownText(name)).toBe(name);
  });
});
