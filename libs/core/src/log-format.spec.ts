import { logFormat } from './log-format';

describe('logFormat: what npm start prints', () => {
  it('is readable on a terminal and JSON when piped', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
  });

  it('follows LOG_FORMAT either way, and ignores a value it does not know', () => {
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'xml' }, true)).toBe('pretty');
  });
});
