import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { Caller, RpcEnvelope, SERVICE_NAMES, ServiceName } from '@pk/contracts';
import { APP_CONFIG, AppConfig, DomainError, ErrorCode, signEnvelope } from '@pk/core';

/**
 * How the gateway and the services reach a service: a TCP RPC with a timeout, the caller inside
 * the envelope (signed, so the service can trust it), and coded errors rebuilt on this side so the caller's own mapping sees them.
 */
@Injectable()
export class ServiceClients implements OnApplicationShutdown {
  private readonly clients = new Map<ServiceName, ClientProxy>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    for (const name of SERVICE_NAMES) {
      const { host, port } = config.services[name];
      this.clients.set(name, ClientProxyFactory.create({ transport: Transport.TCP, options: { host, port } }));
    }
  }

  async send<R, D = unknown>(
    service: ServiceName,
    pattern: string,
    data: D,
    caller: Caller | null,
    opts: { requestId?: string; timeoutMs?: number } = {},
  ): Promise<R> {
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
