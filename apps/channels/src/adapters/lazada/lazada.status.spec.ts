import { lazadaProductStatus } from './lazada.status';

const item = (over: Record<string, unknown>) => ({ item_id: 1, skus: [], ...over });

describe('Lazada product status (getproductitem.json)', () => {
  it('reads Pending QC, Active, InActive and Deleted', () => {
    expect(lazadaProductStatus(item({ status: 'Pending QC' }))).toEqual({ state: 'in_review', reasons: [], channelStatus: 'Pending QC' });
    expect(lazadaProductStatus(item({ status: 'Active' })).state).toBe('live');
    expect(lazadaProductStatus(item({ status: 'InActive' })).state).toBe('inactive');
    expect(lazadaProductStatus(item({ status: 'Deleted' })).state).toBe('deleted');
  });

  it('reads a QC rejection from subStatus with the reasons of rejectReason', () => {
    const rejected = lazadaProductStatus(item({ status: 'InActive', subStatus: 'Reject', rejectReason: [{ violationDetail: 'Wrong Image', suggestion: 'Use a white background' }] }));
    expect(rejected).toEqual({ state: 'rejected', reasons: ['Wrong Image: Use a white background'], channelStatus: 'InActive, reject' });
    expect(lazadaProductStatus(item({ status: 'Active', subStatus: 'Lock,Live_Reject' })).state).toBe('rejected');
  });
});
