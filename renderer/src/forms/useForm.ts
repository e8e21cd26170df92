import { useCallback, useMemo, useState, type ChangeEvent } from 'react';

/**
 * A small form state hook (no form library is installed): values, per-field
 * errors keyed by the API's issue paths, and input props for Mantine inputs.
 *
 *   const form = useForm({ fullName: '', gender: 'male' });
 *   <TextInput {...form.text('fullName')} />
 *   <Select {...form.field('gender')} data={...} />
 *   catch (e) { showApiError(e, form) }
 */
export interface Form<T extends Record<string, unknown>> {
  values: T;
  errors: Record<string, string>;
  setValue<K extends keyof T>(key: K, value: T[K]): void;
  setValues(values: T): void;
  setErrors(errors: Record<string, string>): void;
  /** Props for TextInput/Textarea/PasswordInput (string values). */
  text<K extends KeysOfType<T, string>>(key: K): { value: string; onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void; error: string | undefined };
  /** Props for Select/DatePickerInput/Switch-like inputs that hand the value itself to onChange. */
  field<K extends keyof T>(key: K): { value: T[K]; onChange(value: T[K]): void; error: string | undefined };
  /** True when values differ from the initial ones. */
  dirty: boolean;
}

export type KeysOfType<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

export function useForm<T extends Record<string, unknown>>(initial: T, prefix = ''): Form<T> {
  const [initialJson] = useState(() => JSON.stringify(initial));
  const [values, setValuesState] = useState<T>(initial);
  const [errors, setErrorsState] = useState<Record<string, string>>({});

  const setValue = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValuesState((v) => ({ ...v, [key]: value }));
    setErrorsState((e) => {
      const path = prefix + String(key);
      if (!(path in e)) return e;
      const { [path]: _dropped, ...rest } = e;
      return rest;
    });
  }, [prefix]);

  const setErrors = useCallback((next: Record<string, string>) => setErrorsState(next), []);
  const setValues = useCallback((next: T) => setValuesState(next), []);

  return useMemo<Form<T>>(
    () => ({
      values,
      errors,
      setValue,
      setValues,
      setErrors,
      text: (key) => ({
        value: values[key] as string,
        onChange: (event) => setValue(key, event.currentTarget.value as T[typeof key]),
        error: errors[prefix + String(key)],
      }),
      field: (key) => ({ value: values[key], onChange: (value) => setValue(key, value), error: errors[prefix + String(key)] }),
      dirty: JSON.stringify(values) !== initialJson,
    }),
    [values, errors, setValue, setValues, setErrors, prefix, initialJson],
  );
}
