import { DateInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { parseDateShort } from '../../../shared/vi/dates.js';

/**
 * A date typed as dd/mm/yyyy (officers copy birth dates from paper records,
 * so typing beats clicking through a calendar) with a calendar to pick from.
 * The value is an ISO date string or null, as the API expects.
 */
export function DateField(props: { label: string; value: string | null; onChange(value: string | null): void; error?: string | undefined; description?: string; withAsterisk?: boolean; 'data-testid'?: string }) {
  return (
    <DateInput
      label={props.label}
      value={props.value || null}
      onChange={(v) => props.onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      dateParser={(text) => parseDateShort(text)}
      placeholder="dd/mm/yyyy"
      clearable
      error={props.error}
      description={props.description}
      withAsterisk={props.withAsterisk ?? false}
      leftSection={<IconCalendar size={16} />}
      data-testid={props['data-testid']}
      minDate="1900-01-01"
      maxDate="2200-12-31"
    />
  );
}
