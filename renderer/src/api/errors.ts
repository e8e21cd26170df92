import { notifications } from '@mantine/notifications';
import { ApiError } from '../../../shared/api/errors.js';
import { currentLanguage } from '../i18n/language.js';

/** Anything with a way to mark fields (the `useForm` of ../forms/useForm.ts fits). */
export interface FieldErrorTarget {
  setErrors(errors: Record<string, string>): void;
}

const TITLES = {
  vi: {
    conflict: 'Người khác vừa lưu bản ghi này',
    conflictHint: 'Nội dung bạn vừa nhập vẫn còn trong biểu mẫu và trong bản nháp.',
    invalid_input: 'Dữ liệu chưa hợp lệ',
    forbidden: 'Không có quyền',
    not_found: 'Không tìm thấy',
    bad_file: 'Tệp không đọc được',
    default: 'Không thực hiện được',
  },
  en: {
    conflict: 'Someone else just saved this record',
    conflictHint: 'What you typed is still in the form and in its draft.',
    invalid_input: 'Some data is not valid',
    forbidden: 'Not allowed',
    not_found: 'Not found',
    bad_file: 'The file cannot be read',
    default: 'Could not complete the action',
  },
} as const;

/** An error's message and its per-field messages, for a form that shows them itself (a modal, where a notification would cover its buttons). */
export function apiErrorDetails(error: unknown): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const issue of error.issues ?? []) if (!(issue.path in fields)) fields[issue.path] = issue.message;
    return { message: error.message, fields };
  }
  return { message: error instanceof Error ? error.message : String(error), fields };
}

/**
 * Shows an API error as a notification (the server's Vietnamese message) and,
 * when a form is given, puts each `issues[].path` message on that field.
 * Paths are the input's dotted paths ("fullName", "admin.username").
 * Returns the field errors it set.
 */
export function showApiError(error: unknown, form?: FieldErrorTarget): Record<string, string> {
  const titles = TITLES[currentLanguage()];
  const fieldErrors = apiErrorDetails(error).fields;
  if (error instanceof ApiError) {
    if (form && Object.keys(fieldErrors).length > 0) form.setErrors(fieldErrors);
    // 'conflict' with field issues is a duplicate value (e.g. a username taken); without, someone saved a newer version.
    const versionConflict = error.code === 'conflict' && Object.keys(fieldErrors).length === 0;
    const code = error.code === 'conflict' && !versionConflict ? 'invalid_input' : error.code;
    const title = code in titles ? titles[code as keyof typeof titles] : titles.default;
    const message = versionConflict ? `${error.message} ${titles.conflictHint}` : error.message;
    notifications.show({ color: versionConflict ? 'orange' : 'red', title, message, autoClose: versionConflict ? false : 8000, ...(versionConflict ? { 'data-testid': 'conflict-notice' } : {}) });
  } else {
    notifications.show({ color: 'red', title: titles.default, message: error instanceof Error ? error.message : String(error) });
  }
  return fieldErrors;
}
