import 'reflect-metadata';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-codes';
import { InProcessClient, InProcessContext, InProcessServer, inProcessAddress } from './in-process-transport';
import { RpcErrorFilter } from './rpc-errors';

const seen: unknown[] = [];

@Controller()
class EchoController {
  @MessagePattern('echo')
  echo(@Payload() data: { at: Date; list: number[] }) {
    seen.push(data);
    return { got: data, at: new Date('2026-12-07T00:00:00Z') };
  }

  @MessagePattern('refuse')
  refuse() {
    throw new DomainError(ErrorCode.notFound, 'No such thing.', { field: 'id' });
  }

  // The signature guard and the RPC log read the pattern from the context, as from TcpContext.
  @MessagePattern('which')
  which(@Ctx() ctx: InProcessContext) {
    return ctx.getPattern();
  }

  @MessagePattern('slow')
  async slow() {
    await new Promise((resolve) => setImmediate(resolve));
    return 'late';
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const address = inProcessAddress(45001);

async function boot(at = address): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(EchoModule, { strategy: new InProcessServer(at), logger: false });
  app.useGlobalFilters(new RpcErrorFilter());
  await app.listen();
  return app;
}

describe('the in-process RPC transport (PK_PROCESSES=single)', () => {
  let app: INestMicroservice;
  const client = new InProcessClient(address);

  beforeAll(async () => {
    app = await boot();
  });
  afterAll(() => app?.close());

  it('answers a pattern with copies both ways, as the TCP transport serializes them', async () => {
    const sent = { at: new Date('2026-01-02T03:04:05Z'), list: [1, 2] };
    const reply = await firstValueFrom(client.send<{ got: { at: unknown; list: number[] }; at: unknown }>('echo', sent));
    // A Date crosses as its ISO string, and neither side holds the other's objects.
    expect(reply).toEqual({ got: { at: '2026-01-02T03:04:05.000Z', list: [1, 2] }, at: '2026-12-07T00:00:00.000Z' });
    expect(seen[seen.length - 1]).not.toBe(sent);
    sent.list.push(3);
    expect((seen[seen.length - 1] as { list: number[] }).list).toEqual([1, 2]);
  });

  it('brings back a coded error as the error filter shaped it', async () => {
    const error = await firstValueFrom(client.send('refuse', {})).catch((e: { error?: unknown }) => e);
    expect(DomainError.fromBody(error.error)).toMatchObject({ code: ErrorCode.notFound, message: 'No such thing.' });
  });

  it('answers asynchronous handlers and unknown patterns as TCP would', async () => {
    await expect(firstValueFrom(client.send('slow', {}))).resolves.toBe('late');
    await expect(firstValueFrom(client.send('which', {}))).resolves.toBe('which');
    await expect(firstValueFrom(client.send('nobody', {}))).rejects.toBe('There is no matching message handler defined in the remote service.');
  });

  it('refuses the connection when no app listens at the address, and after it closed', async () => {
    const other = new InProcessClient(inProcessAddress(45002));
    await expect(firstValueFrom(other.send('echo', {}))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const second = await boot(inProcessAddress(45002));
    await expect(firstValueFrom(other.send('slow', {}))).resolves.toBe('late');
    await second.close();
    await expect(firstValueFrom(other.send('slow', {}))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('lets one app only listen at an address', async () => {
    await expect(boot()).rejects.toThrow(/already listening/);
  });
});
