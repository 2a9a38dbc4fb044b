/**
 * Finds where JSON text stops being valid, for engines whose `JSON.parse` message names no
 * position. A validating scan only: it builds no values.
 */

export interface JsonErrorAt {
  offset: number;
  line: number;
  column: number;
}

class Stop extends Error {
  constructor(readonly offset: number) {
    super('invalid JSON');
  }
}

export function locateJsonError(text: string): JsonErrorAt | null {
  let i = 0;
  const n = text.length;
  const space = () => {
    while (i < n && ' \t\r\n'.includes(text[i])) i++;
  };
  const expect = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else throw new Stop(i);
  };
  const string = () => {
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) throw new Stop(i);
      i++;
    }
    if (i >= n) throw new Stop(n);
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '' || match[0] === '-') throw new Stop(i);
    i += match[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 5000) throw new Stop(i);
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') throw new Stop(i);
        string();
        space();
        expect(':');
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else throw new Stop(i);
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else throw new Stop(i);
      }
    }
    if (c === '"') return string();
    if (c === 't') return expect('true');
    if (c === 'f') return expect('false');
    if (c === 'n') return expect('null');
    number();
  };
  try {
    value(0);
    space();
    if (i < n) throw new Stop(i);
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    return { offset: error.offset, line, column: error.offset - before.lastIndexOf('\n') };
  }
}
