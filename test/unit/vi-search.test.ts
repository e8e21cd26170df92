import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesFoldedKey, matchesSearch } from '../../shared/vi/search.js';

const nfd = (s: string) => s.normalize('NFD');

describe('foldVietnamese: diacritics, đ and case ignored', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['ĐẶNG VĂN ĐỨC', 'dang van duc'],
    ['Dương', 'duong'],
    ['Ư ư Ừ ự Ử', 'u u u u u'],
    ['Ơ ơ Ờ ớ ợ', 'o o o o o'],
    ['Đ đ', 'd d'],
    ['Ă Â Ê Ô', 'a a e o'],
    ['Hoàng Văn Thượng', 'hoang van thuong'],
    ['Tòng Thị Phương Thảo', 'tong thi phuong thao'],
    ['Sùng A Dở', 'sung a do'],
    ['  Lò   Thị\tXuân  Quỳnh ', 'lo thi xuan quynh'],
    [nfd('Nguyễn Thị Hồng Nhung'), 'nguyen thi hong nhung'],
    [nfd('Đặng'), 'dang'],
  ])('%j → %j', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
  });

  it('folds NFC and NFD spellings of any Vietnamese text to the same key', () => {
    const letters = [...'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđAĂÂĐEÊOÔƠUƯY bcghklmnpqrstvx '];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...letters), maxLength: 30 }), (s) => {
        expect(foldVietnamese(nfd(s))).toBe(foldVietnamese(s.normalize('NFC')));
        expect(foldVietnamese(s)).toMatch(/^[a-z ]*$/u);
      }),
    );
  });
});

describe('matchesSearch: every query word, anywhere, diacritics ignored', () => {
  it.each<[string, string, boolean]>([
    ['Nguyễn Văn An', 'nguyen van', true],
    ['Nguyễn Văn An', 'Nguyễn Văn', true],
    ['Nguyễn Văn An', 'NGUYEN VAN AN', true],
    ['Nguyễn Văn An', 'van an nguyen', true],
    ['Nguyễn Văn An', 'nguyen thi', false],
    ['Dương Thị Hoa', 'duong', true],
    ['Đặng Văn Đức', 'dang', true],
    ['Đặng Văn Đức', 'đặng đức', true],
    ['Đặng Văn Đức', 'dung', false],
    ['Lường Thị Ánh', 'luong anh', true],
    ['Sùng A Dở', 'sung a do', true],
    ['Phòng Tư pháp huyện Mường Nhé', 'tu phap muong nhe', true],
    [nfd('Nguyễn Văn An'), 'nguyễn văn', true],
    ['Nguyễn Văn An', nfd('nguyễn văn'), true],
    ['Ưng Thị Ơn', 'ung on', true],
    ['Hoàng Văn Thượng', '', true],
    ['Hoàng Văn Thượng', '   ', true],
  ])('%j with %j → %s', (text, query, expected) => {
    expect(matchesSearch(text, query)).toBe(expected);
  });

  it('gives the same answer against a key folded in advance', () => {
    for (const [text, query] of [
      ['Nguyễn Văn An Chuyên viên', 'nguyen van'],
      ['Đặng Văn Đức', 'dang'],
      ['Đặng Văn Đức', 'dung'],
    ] as const) {
      expect(matchesFoldedKey(foldVietnamese(text), query)).toBe(matchesSearch(text, query));
    }
  });
});
