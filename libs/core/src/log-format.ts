/**
 * How `npm start` shows the apps' log lines: readable and coloured on a terminal, JSON as written
 * when piped (to a file, a collector); LOG_FORMAT=json or pretty overrides the guess. No imports:
 * the launcher loads it without the apps' libraries.
 */
export function logFormat(env: Record<string, string | undefined>, isTTY: boolean): 'json' | 'pretty' {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return isTTY ? 'pretty' : 'json';
}
