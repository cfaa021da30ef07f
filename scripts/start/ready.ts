export interface ReadyResult {
  ready: boolean;
  status?: number;
  body?: string;
  /** The checks /ready lists as not up, with their errors. */
  down: string[];
}

/** Polls GET /ready until it answers 200, the deadline passes, or `cancelled()` says stop. */
export async function waitReady(url: string, timeoutMs: number, cancelled: () => boolean): Promise<ReadyResult> {
  const deadline = Date.now() + timeoutMs;
  let last: ReadyResult = { ready: false, down: [], body: 'no answer yet' };
  while (Date.now() < deadline && !cancelled()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const body = await res.text();
      if (res.status === 200) return { ready: true, status: 200, body, down: [] };
      last = { ready: false, status: res.status, body, down: downChecks(body) };
    } catch (err) {
      last = { ready: false, down: [], body: `no answer: ${(err as Error).message}` };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return last;
}

// /ready answers { status, checks: { name: { status: 'up' | 'down', error? } } }.
function downChecks(body: string): string[] {
  try {
    const checks = (JSON.parse(body) as { checks?: Record<string, { status?: string; error?: string }> }).checks ?? {};
    return Object.entries(checks)
      .filter(([, c]) => c?.status !== 'up')
      .map(([name, c]) => (c?.error ? `${name} (${c.error})` : name));
  } catch {
    return [];
  }
}
