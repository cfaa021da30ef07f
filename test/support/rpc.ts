import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { Caller, RpcEnvelope, ServiceName } from '@pk/contracts';
import { DomainError, InProcessClient, inProcessAddress, signEnvelope } from '@pk/core';
import { TestSystem } from './apps';

/**
 * Calls a service over its real transport (TCP, or in-process in the single-process mode), as another app does (orders calling the catalog).
 * The envelope is signed with the system's SERVICE_RPC_SECRET, as the apps sign theirs. A coded
 * failure comes back as the DomainError the service threw, so tests can match its code.
 */
export class RpcClient {
  private readonly client: ClientProxy;

  constructor(
    address: { host: string; port: number },
    private readonly secret: string,
    private readonly timeoutMs = 15_000,
  ) {
    // A suite run in the single-process mode reaches the service as its apps do there.
    this.client =
      process.env.PK_PROCESSES === 'single'
        ? new InProcessClient(inProcessAddress(address.port))
        : ClientProxyFactory.create({ transport: Transport.TCP, options: address });
  }

  async send<R = Record<string, unknown>>(pattern: string, data: unknown, caller: Caller | null): Promise<R> {
    return this.sendEnvelope<R>(pattern, signEnvelope(this.secret, pattern, { caller, data }));
  }

  /** Sends `envelope` as it is, signed or not: for tests of the services' signature check. */
  async sendEnvelope<R = Record<string, unknown>>(pattern: string, envelope: Partial<RpcEnvelope>): Promise<R> {
    try {
      return await firstValueFrom(this.client.send<R>(pattern, envelope).pipe(timeout(this.timeoutMs)));
    } catch (error) {
      throw DomainError.fromBody((error as { error?: unknown })?.error ?? error) ?? error;
    }
  }

  /** The coded error a call fails with; fails the test when the call succeeds. */
  async failure(pattern: string, data: unknown, caller: Caller | null): Promise<DomainError> {
    const outcome = await this.send(pattern, data, caller).then(
      (reply) => new Error(`expected ${pattern} to fail, it answered ${JSON.stringify(reply)}`),
      (error: unknown) => error,
    );
    if (outcome instanceof DomainError) return outcome;
    throw outcome;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** A client of one service of a booted test system; close it in afterAll. */
export const rpcClient = (sys: TestSystem, service: ServiceName): RpcClient => new RpcClient(sys.config.services[service], sys.config.rpcSecret);
