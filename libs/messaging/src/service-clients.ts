import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { Caller, RpcCaller, RpcEnvelope, SERVICE_NAMES, ServiceName, isServiceCaller, serviceCaller } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, InProcessClient, inProcessAddress, signEnvelope } from '@pk/core';

/** The app a back-end service's ServiceClients speak for; the gateway has none, so it can only forward users. */
export const SERVICE_SELF = Symbol('SERVICE_SELF');

type SendOptions = { requestId?: string; timeoutMs?: number };

/**
 * How the gateway and the services reach a service: a TCP RPC with a timeout, the caller inside
 * the envelope (signed, so the service can trust it), and coded errors rebuilt on this side so the caller's own mapping sees them.
 */
@Injectable()
export class ServiceClients implements OnApplicationShutdown {
  private readonly clients = new Map<ServiceName, ClientProxy>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(SERVICE_SELF) private readonly self: ServiceName | null = null,
  ) {
    for (const name of SERVICE_NAMES) {
      const { host, port } = config.services[name];
      const client = config.processes === 'single' ? new InProcessClient(inProcessAddress(port)) : ClientProxyFactory.create({ transport: Transport.TCP, options: { host, port } });
      this.clients.set(name, client);
    }
  }

  /** On behalf of `caller`, the user the gateway authenticated (null: an anonymous read). */
  send<R, D = unknown>(service: ServiceName, pattern: string, data: D, caller: Caller | null, opts: SendOptions = {}): Promise<R> {
    // Typed out already; this stops a caller object from a body or a cast passing as one of our apps.
    if (isServiceCaller(caller as RpcCaller | null)) throw new Error('a service identity is sent only through sendAsService');
    return this.dispatch<R, D>(service, pattern, data, caller, opts);
  }

  /** As this app itself (`{ kind: 'service', app }`): work no user asked for just now. Not from the gateway. */
  sendAsService<R, D = unknown>(service: ServiceName, pattern: string, data: D, opts: SendOptions = {}): Promise<R> {
    if (!this.self) throw new Error('only a back-end service speaks as itself; the gateway forwards users');
    return this.dispatch<R, D>(service, pattern, data, serviceCaller(this.self), opts);
  }

  private async dispatch<R, D>(service: ServiceName, pattern: string, data: D, caller: RpcCaller | null, opts: SendOptions): Promise<R> {
    const envelope: RpcEnvelope<D> = signEnvelope(this.config.rpcSecret, pattern, { caller, requestId: opts.requestId, data });
    const ms = opts.timeoutMs ?? this.config.rpcTimeoutMs;
    try {
      return await firstValueFrom(this.client(service).send<R>(pattern, envelope).pipe(timeout(ms)));
    } catch (error) {
      throw this.rebuild(service, error, ms);
    }
  }

  private client(service: ServiceName): ClientProxy {
    const client = this.clients.get(service);
    if (!client) throw new Error(`no client for ${service}`);
    return client;
  }

  private rebuild(service: ServiceName, error: unknown, ms: number): DomainError {
    if (error instanceof TimeoutError) {
      return new DomainError(ErrorCode.serviceTimeout, `The ${service} service did not answer within ${ms} ms.`, { service });
    }
    const coded = DomainError.fromBody((error as { error?: unknown })?.error ?? error);
    if (coded) return coded;
    const code = (error as { code?: string })?.code;
    // A service that dies with our request in flight closes the socket under it: Nest's TCP
    // client then fails the request with a bare "Connection closed". Unavailable, not a fault.
    const closed = error instanceof Error && error.message === 'Connection closed';
    if (closed || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE') {
      return new DomainError(ErrorCode.serviceUnavailable, `The ${service} service is unavailable; try again shortly.`, { service });
    }
    return new DomainError(ErrorCode.internal, `The ${service} service failed to answer.`, { service });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }
}
