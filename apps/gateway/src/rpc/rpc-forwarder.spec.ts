import { Logger } from '@nestjs/common';
import { CatalogPatterns, OrdersPatterns, SearchPatterns } from '@pk/contracts';
import { ReplySchemas } from '@pk/contracts/replies';
import { AppConfig, DomainError, ErrorCode } from '@pk/core';
import { ServiceClients } from '@pk/messaging';
import { z } from 'zod';
import { RpcForwarder, serviceOf } from './rpc-forwarder';

// A pattern of this spec's own, so its reply schema cannot be mistaken for a real one.
const PATTERN = 'catalog.spec_only.thing';

function forwarder(reply: unknown, checkReplies: boolean) {
  const sent: Array<{ service: string; pattern: string; data: unknown }> = [];
  const clients = {
    send: async (service: string, pattern: string, data: unknown) => {
      sent.push({ service, pattern, data });
      return reply;
    },
  } as unknown as ServiceClients;
  const config = { gateway: { checkReplies } } as AppConfig;
  return { rpc: new RpcForwarder(clients, config), sent };
}

const refusal = async (work: Promise<unknown>): Promise<DomainError> => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

describe('RpcForwarder', () => {
  beforeAll(() => {
    ReplySchemas[PATTERN] = z.object({ id: z.string().uuid(), total: z.string().regex(/^\d+$/), at: z.string().datetime() }).strict();
  });
  afterAll(() => {
    delete ReplySchemas[PATTERN];
  });

  it('sends each pattern to the app it names', async () => {
    const { rpc, sent } = forwarder({}, false);
    await rpc.send(OrdersPatterns.cartCreateAnonymous, {}, null, 'rid');
    expect(sent).toEqual([{ service: 'orders', pattern: OrdersPatterns.cartCreateAnonymous, data: {} }]);
    expect(serviceOf(SearchPatterns.listings)).toBe('search');
    expect(() => serviceOf('nowhere.thing')).toThrow(/names no service/);
  });

  it("refuses a request its pattern's schema refuses, naming the fields as the app does, and sends nothing", async () => {
    const { rpc, sent } = forwarder({}, false);
    const error = await refusal(rpc.send(CatalogPatterns.variantSetStock, { listingId: 'x', variantId: 'y', stock: -1 }, null));
    expect(error.code).toBe(ErrorCode.validationFailed);
    expect(error.details).toEqual([
      { field: 'listingId', messages: ['must be a UUID'] },
      { field: 'variantId', messages: ['must be a UUID'] },
      { field: 'stock', messages: ['cannot be negative'] },
    ]);
    // A listing's patch is read on its own by the catalog: its fields are named from the body.
    const patch = await refusal(rpc.send(CatalogPatterns.listingUpdate, { id: '0190a0b4-5c2e-7d1a-9f3e-2b4c6d8e0f12', patch: { weightGrams: 0 } }, null));
    expect(patch.details).toEqual([{ field: 'weightGrams', messages: ['must be more than 0'] }]);
    // The search names an unknown parameter with the ones it takes.
    const search = await refusal(rpc.send(SearchPatterns.listings, { colour: 'red' }, null));
    expect(search.details).toEqual([{ field: 'colour', messages: [expect.stringMatching(/^unknown search parameter; use one of: q, category/)] }]);
    // A shipping quote is read as the branch it is (a cart quote when it names an address), not the union.
    const quote = await refusal(rpc.send(OrdersPatterns.shippingQuote, { province: 'Bali', weightGrams: -1 }, null));
    expect(quote.details).toEqual([{ field: 'weightGrams', messages: ['cannot be negative'] }]);
    const cartQuote = await refusal(rpc.send(OrdersPatterns.shippingQuote, { addressId: 'rumah' }, null));
    expect(cartQuote.details).toEqual([{ field: 'addressId', messages: ['must be a UUID'] }]);
    expect(sent).toEqual([]);
    await rpc.send(OrdersPatterns.shippingQuote, { province: 'Bali', weightGrams: 800 }, null);
    expect(sent.map((s) => s.pattern)).toEqual([OrdersPatterns.shippingQuote]);
  });

  it('checks replies against their contract only when PK_CHECK_REPLIES is on: a broken one is a 500 naming the pattern and field', async () => {
    const wrong = { id: '0190a0b4-5c2e-7d1a-9f3e-2b4c6d8e0f12', total: 12000, at: new Date('2026-12-07T00:00:00Z') };
    expect(await forwarder(wrong, false).rpc.send(PATTERN, {}, null)).toBe(wrong);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const error = await refusal(forwarder(wrong, true).rpc.send(PATTERN, {}, null, 'rid'));
    expect(error.code).toBe(ErrorCode.replyContractBroken);
    expect(error.message).toContain(PATTERN);
    expect(error.details).toEqual({ pattern: PATTERN, problems: [{ field: 'total', messages: ['Expected string, received number'] }] });
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ pattern: PATTERN, requestId: 'rid' }), expect.stringContaining('breaks its contract'));
    logged.mockRestore();
    // A Date is read as the JSON the client gets (an ISO string); a right reply passes untouched.
    const right = { ...wrong, total: '12000' };
    expect(await forwarder(right, true).rpc.send(PATTERN, {}, null)).toBe(right);
  });
});
