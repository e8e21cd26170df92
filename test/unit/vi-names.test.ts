import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVietnamese, compareVietnameseNames, sortVietnameseNames, splitVietnameseName } from '../../shared/vi/names.js';

const nfd = (s: string) => s.normalize('NFD');
const names = (list: readonly string[]) => sortVietnameseNames(list.map((fullName) => ({ fullName }))).map((p) => p.fullName);

describe('splitVietnameseName: family + middle + given (the last word)', () => {
  it.each([
    ['Nguyễn Văn An', { family: 'Nguyễn', middle: 'Văn', given: 'An' }],
    ['Tòng Thị Phương Thảo', { family: 'Tòng', middle: 'Thị Phương', given: 'Thảo' }],
    ['  Sùng   A Dở ', { family: 'Sùng', middle: 'A', given: 'Dở' }],
    ['Lê Bình', { family: 'Lê', middle: '', given: 'Bình' }],
    ['Thượng', { family: '', middle: '', given: 'Thượng' }],
    ['', { family: '', middle: '', given: '' }],
    [nfd('Hoàng Văn Thượng'), { family: 'Hoàng', middle: 'Văn', given: 'Thượng' }],
  ])('%j', (fullName, parts) => {
    expect(splitVietnameseName(fullName)).toEqual(parts);
  });
});

describe('compareVietnamese: Vietnamese letter order', () => {
  it.each([
    ['a', 'ă'],
    ['ă', 'â'],
    ['â', 'b'],
    ['d', 'đ'],
    ['đ', 'e'],
    ['e', 'ê'],
    ['o', 'ô'],
    ['ô', 'ơ'],
    ['ơ', 'p'],
    ['u', 'ư'],
    ['ư', 'v'],
    ['Duy', 'Đào'],
    ['Uyên', 'Ưng'],
    ['Oanh', 'Ơn'],
    ['An', 'Anh'],
    // Same letters: the tone only breaks the tie (none, huyền, hỏi, ngã, sắc, nặng as in CLDR's Vietnamese order).
    ['Anh', 'Ánh'],
    ['Thao', 'Thảo'],
  ])('%s < %s', (a, b) => {
    expect(compareVietnamese(a, b)).toBeLessThan(0);
    expect(compareVietnamese(b, a)).toBeGreaterThan(0);
  });

  it('treats NFC and NFD spellings as equal', () => {
    for (const w of ['Đức', 'Thượng', 'Quỳnh', 'Ưng', 'Dở']) expect(compareVietnamese(nfd(w), w)).toBe(0);
  });
});

describe('compareVietnameseNames: given name first, then family, then middle, then birth date', () => {
  it('sorts by the given name, not the family name', () => {
    expect(names(['Trần Văn Đức', 'Lê Thị Bình', 'Nguyễn Văn An'])).toEqual(['Nguyễn Văn An', 'Lê Thị Bình', 'Trần Văn Đức']);
  });

  it('sorts a real office list the Vietnamese way', () => {
    const office = ['Tòng Thị Phương Thảo', 'Lò Thị Xuân Quỳnh', 'Nguyễn Thị Hồng Nhung', 'Hoàng Văn Thượng', 'Sùng A Dở', 'Đặng Văn Đức', 'Nguyễn Văn An', 'Lường Thị Ánh', 'Lò Văn Ơn', 'Vì Thị Hương', 'Cầm Văn Dương'];
    expect(names(office)).toEqual([
      'Nguyễn Văn An',
      'Lường Thị Ánh',
      'Sùng A Dở',
      'Cầm Văn Dương',
      'Đặng Văn Đức',
      'Vì Thị Hương',
      'Nguyễn Thị Hồng Nhung',
      'Lò Văn Ơn',
      'Lò Thị Xuân Quỳnh',
      'Tòng Thị Phương Thảo',
      'Hoàng Văn Thượng',
    ]);
  });

  it.each<[string, { fullName: string; birthDate?: string | null }, { fullName: string; birthDate?: string | null }]>([
    ['given name', { fullName: 'Trần Văn An' }, { fullName: 'Lê Văn Bình' }],
    ['given name with ă', { fullName: 'Trần Văn An' }, { fullName: 'Lê Văn Ăn' }],
    ['given name with đ', { fullName: 'Trần Văn Dũng' }, { fullName: 'Lê Văn Đức' }],
    ['given name with ư', { fullName: 'Trần Văn Uy' }, { fullName: 'Lê Văn Ưng' }],
    ['same given name → family', { fullName: 'Lò Văn An' }, { fullName: 'Nguyễn Văn An' }],
    ['same given and family → middle', { fullName: 'Nguyễn Thị An' }, { fullName: 'Nguyễn Văn An' }],
    ['same name → birth date', { fullName: 'Nguyễn Văn An', birthDate: '1980-01-01' }, { fullName: 'Nguyễn Văn An', birthDate: '1990-01-01' }],
    ['same name, no birth date first', { fullName: 'Nguyễn Văn An', birthDate: null }, { fullName: 'Nguyễn Văn An', birthDate: '1990-01-01' }],
  ])('%s', (_rule, a, b) => {
    expect(compareVietnameseNames(a, b)).toBeLessThan(0);
    expect(compareVietnameseNames(b, a)).toBeGreaterThan(0);
  });

  it('sorts NFD and NFC spellings of a list into the same order', () => {
    const list = ['Tòng Thị Phương Thảo', 'Đặng Văn Đức', 'Sùng A Dở', 'Lò Văn Ơn', 'Nguyễn Văn An', 'Lường Thị Ánh'];
    fc.assert(
      fc.property(fc.shuffledSubarray(list, { minLength: 2 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (subset, useNfd) => {
        const mixed = subset.map((n, i) => (useNfd[i] ? nfd(n) : n));
        expect(names(mixed).map((n) => n.normalize('NFC'))).toEqual(names(subset));
      }),
    );
    expect(compareVietnameseNames({ fullName: nfd('Đặng Văn Đức') }, { fullName: 'Đặng Văn Đức' })).toBe(0);
  });
});
