import { BaseRpcContext, ClientProxy, CustomTransportStrategy, ReadPacket, Server, WritePacket } from '@nestjs/microservices';
import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';

/**
 * The RPC transport of the single-process mode (PK_PROCESSES=single): every app still boots as
 * its own Nest microservice with its own module graph and answers the same patterns, but the
 * request goes through a function call instead of a TCP socket. Data and replies are copied
 * through JSON both ways, as the TCP transport serializes them, so an app cannot tell the modes
 * apart (a Date arrives as a string, a BigInt still fails, no object is shared between apps).
 */

/** The servers listening in this process, by address: the service's configured port stands for it. */
const listening = new Map<string, InProcessServer>();

export const inProcessAddress = (port: number): string => `in-process:${port}`;

const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** What a client sees when no app listens at the address: the TCP transport's refused connection. */
function refused(address: string): Error {
  return Object.assign(new Error(`no service listens at ${address} in this process`), { code: 'ECONNREFUSED' });
}

/** What a handler's context tells of the request: its pattern, as TcpContext tells it. */
export class InProcessContext extends BaseRpcContext<[string]> {
  getPattern(): string {
    return this.args[0];
  }
}

export class InProcessServer extends Server implements CustomTransportStrategy {
  constructor(private readonly address: string) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    if (listening.has(this.address)) return callback(new Error(`${this.address} is already listening in this process`));
    listening.set(this.address, this);
    callback();
  }

  close(): void {
    if (listening.get(this.address) === this) listening.delete(this.address);
  }

  /** Answers one request; `respond` gets the packets the TCP server would have written to its socket. */
  async dispatch(packet: ReadPacket, respond: (reply: WritePacket) => void): Promise<void> {
    const pattern = String(packet.pattern);
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return respond({ err: NO_MESSAGE_HANDLER, isDisposed: true });
    try {
      const reply$ = this.transformToObservable(await handler(copy(packet.data), new InProcessContext([pattern])));
      this.send(reply$, (reply) => respond(copy(reply)));
    } catch (error) {
      respond({ err: copy(error), isDisposed: true });
    }
  }

  on(): never {
    throw new Error('the in-process transport has no server events');
  }

  unwrap<T>(): T {
    return listening as T;
  }
}

export class InProcessClient extends ClientProxy {
  constructor(private readonly address: string) {
    super();
  }

  async connect(): Promise<void> {}

  close(): void {}

  protected publish(packet: ReadPacket, callback: (reply: WritePacket) => void): () => void {
    let open = true;
    const server = listening.get(this.address);
    // Asynchronous like a socket: the caller's subscription is in place before any answer.
    queueMicrotask(() => {
      if (!server) return callback({ err: refused(this.address), isDisposed: true });
      void server.dispatch(packet, (reply) => {
        if (open) callback(reply);
      });
    });
    return () => {
      open = false;
    };
  }

  protected dispatchEvent<T>(): Promise<T> {
    return Promise.reject(new Error('the apps publish events through the outbox, not through the RPC transport'));
  }

  unwrap<T>(): T {
    return listening as T;
  }
}
