/** Generated JSON files are plain ASCII (Node's fast decoding path) and hold exactly the values given. */
import { describe, expect, it } from 'vitest';
import { jsonFileContents } from '../../compiler/emit/json-files.js';

describe('jsonFileContents', () => {
  it('escapes every non-ASCII character and keeps the values', () => {
    const value = { text: 'Crème brûlée — 東京 🚀 \u2028 line\u2029sep \u007f', key: ['naïve', 'plain'] };
    const text = jsonFileContents([['TOOL_É', value]]);
    expect(/^[\x00-\x7e]*$/.test(text)).toBe(true);
    expect(text).toContain('\\ud83d\\ude80');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed['TOOL_É']).toEqual(value);
    expect(Object.keys(parsed)).toEqual(['//', 'TOOL_É']);
  });
});
