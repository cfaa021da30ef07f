import net, { createServer } from 'net';

/** A port that was free a moment ago (the OS picks it), for apps a test boots. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True once nothing accepts connections on the port. */
export function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Polls `check` until it holds; `failed` may end the wait early with its error. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, failed?: () => Error | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const error = failed?.();
    if (error) throw error;
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
