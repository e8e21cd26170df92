import { z } from 'zod';

/**
 * Vietnamese messages for the validator's own issues: the ones a schema did
 * not word itself (a field typed `z.string()` without a message, a junk
 * request). Schemas that name their field keep their message; this map only
 * fills the gaps, so no English validator text ever reaches a person.
 * Passed per parse (`safeParse(x, { error: vietnameseIssue })`), never set
 * globally.
 */
const TYPE_NAMES: Record<string, string> = {
  string: 'văn bản',
  number: 'số',
  int: 'số nguyên',
  bigint: 'số nguyên',
  boolean: 'đúng/sai',
  date: 'ngày',
  object: 'một bản ghi',
  array: 'một danh sách',
  record: 'một bản ghi',
  null: 'rỗng',
  undefined: 'không có',
};

function typeName(t: string): string {
  return TYPE_NAMES[t] ?? t;
}

const sizeUnit: Record<string, string> = { string: 'ký tự', array: 'phần tử', set: 'phần tử', file: 'byte' };

const fallback = z.locales.vi().localeError;

export const vietnameseIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Không được để trống.';
      return `Giá trị không đúng kiểu: cần ${typeName(issue.expected)}.`;
    case 'invalid_value':
      return issue.values.length === 1 ? 'Giá trị không hợp lệ.' : 'Giá trị không nằm trong danh sách được chọn.';
    case 'too_big': {
      const unit = sizeUnit[issue.origin] ?? '';
      return unit ? `Dài quá ${issue.maximum.toString()} ${unit}.` : `Giá trị quá lớn (tối đa ${issue.maximum.toString()}).`;
    }
    case 'too_small': {
      const unit = sizeUnit[issue.origin] ?? '';
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'Không được để trống.';
      return unit ? `Cần ít nhất ${issue.minimum.toString()} ${unit}.` : `Giá trị quá nhỏ (tối thiểu ${issue.minimum.toString()}).`;
    }
    case 'invalid_format':
      return 'Giá trị không đúng định dạng.';
    case 'not_multiple_of':
      return 'Giá trị không hợp lệ.';
    case 'unrecognized_keys':
      return 'Có trường không được phép.';
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return 'Giá trị không hợp lệ.';
    case 'custom':
      return 'Giá trị không hợp lệ.';
    default:
      return fallback(issue);
  }
};
