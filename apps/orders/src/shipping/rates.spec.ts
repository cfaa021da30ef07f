import { PICKUP_CODE, ShippingRate, billableKg, choicesFor, rateFee, toOption } from './rates';
import { PROVINCES, PROVINCE_ZONES, ZONES, canonicalProvince, zoneOf } from './zones';

const rate = (courier: string, service: string, firstKg: bigint, nextKg: bigint, daysMin = 1): ShippingRate => ({
  courier,
  service,
  zone: 'bali',
  firstKg,
  nextKg,
  daysMin,
  daysMax: daysMin + 1,
});

describe('shipping fees', () => {
  it('bills every started kilogram, at least one', () => {
    expect([0, 1, 999, 1000, 1001, 2000, 2001].map(billableKg)).toEqual([1, 1, 1, 1, 2, 2, 3]);
  });

  it('charges the first kilogram and then each further one', () => {
    const r = rate('JNE', 'REG', 10000n, 8000n);
    expect(rateFee(r, 400)).toBe(10000n);
    expect(rateFee(r, 1000)).toBe(10000n);
    expect(rateFee(r, 1001)).toBe(18000n);
    expect(rateFee(r, 3500)).toBe(34000n);
  });

  it('lists every service and free pickup, cheapest first, ties by speed', () => {
    const choices = choicesFor([rate('JNE', 'YES', 18000n, 14000n, 1), rate('POS', 'Kilat Khusus', 8000n, 7000n, 2), rate('J&T', 'EZ', 8000n, 9000n, 1)], 1500);
    expect(choices.map((c) => [c.code, c.fee])).toEqual([
      [PICKUP_CODE, 0n],
      ['POS:Kilat Khusus', 15000n],
      ['J&T:EZ', 17000n],
      ['JNE:YES', 32000n],
    ]);
    expect(toOption(choices[0])).toMatchObject({ fee: '0', pickup: { city: 'Denpasar' } });
    expect(toOption(choices[1])).toEqual({ code: 'POS:Kilat Khusus', courier: 'POS', service: 'Kilat Khusus', fee: '15000', days: { min: 2, max: 3 } });
  });
});

describe('provinces and zones', () => {
  it("knows Indonesia's 38 provinces and a zone for each", () => {
    expect(PROVINCES).toHaveLength(38);
    expect(new Set(Object.values(PROVINCE_ZONES))).toEqual(new Set(ZONES));
  });

  it('maps provinces to zones as couriers from Bali price them', () => {
    expect(zoneOf('Bali')).toBe('bali');
    expect(zoneOf('Banten')).toBe('java');
    expect(zoneOf('DKI Jakarta')).toBe('java');
    expect(zoneOf('Nusa Tenggara Barat')).toBe('nusa-tenggara');
    expect(zoneOf('Kepulauan Riau')).toBe('sumatra');
    expect(zoneOf('Kalimantan Utara')).toBe('kalimantan');
    expect(zoneOf('Gorontalo')).toBe('sulawesi');
    expect(zoneOf('Maluku Utara')).toBe('east');
    expect(zoneOf('Papua Pegunungan')).toBe('east');
  });

  it('reads provinces in any case and the usual short forms, and refuses anything else', () => {
    expect(canonicalProvince('  bali ')).toBe('Bali');
    expect(canonicalProvince('JAWA TIMUR')).toBe('Jawa Timur');
    expect(canonicalProvince('Provinsi Jawa Barat')).toBe('Jawa Barat');
    expect(canonicalProvince('D.I. Yogyakarta')).toBe('DI Yogyakarta');
    expect(canonicalProvince('NTT')).toBe('Nusa Tenggara Timur');
    expect(canonicalProvince('jakarta')).toBe('DKI Jakarta');
    expect(canonicalProvince('West Java')).toBe('Jawa Barat');
    expect(canonicalProvince('Denpasar')).toBeNull();
    expect(canonicalProvince('Timor Timur')).toBeNull();
    expect(zoneOf('')).toBeNull();
  });
});
