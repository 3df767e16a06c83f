/** A serialised result is encoded once per operation id, whatever the number of sockets it is sent to (issue 16, P6). */
import { describe, expect, it } from 'vitest';
import { Frame } from './shared-frames.js';

describe('a frame', () => {
  it("makes each operation id's `next` message once, as UTF-8 text", () => {
    const frame = new Frame('{"data":{"diaryEvents":{"id":"7","mark":{"value":"5","subject":{"name":"Математика"}}}}}');
    const first = frame.message('1');
    // The same bytes for every subscriber whose operation is "1": not encoded again per socket.
    expect(frame.message('1')).toBe(first);
    expect(JSON.parse(first.toString('utf8'))).toEqual({
      id: '1',
      type: 'next',
      payload: { data: { diaryEvents: { id: '7', mark: { value: '5', subject: { name: 'Математика' } } } } },
    });
    const other = frame.message('ab"c');
    expect(other).not.toBe(first);
    expect(JSON.parse(other.toString('utf8'))).toMatchObject({ id: 'ab"c', type: 'next' });
  });
});
