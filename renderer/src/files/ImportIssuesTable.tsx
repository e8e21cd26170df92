import { ScrollArea, Table } from '@mantine/core';
import { useT } from '../i18n/language.js';
import { defineMessages } from '../i18n/messages.js';

const m = defineMessages({
  vi: { row: 'Dòng', column: 'Cột', message: 'Lỗi' },
  en: { row: 'Row', column: 'Column', message: 'Problem' },
});

/** What is wrong in an imported spreadsheet, cell by cell: the Excel row, the column's header, the problem. */
export function ImportIssuesTable({ issues }: { issues: readonly { row: number; column: string; message: string }[] }) {
  const t = useT(m);
  return (
    <ScrollArea.Autosize mah={360}>
      <Table striped withTableBorder data-testid="import-issues">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('row')}</Table.Th>
            <Table.Th w={180}>{t('column')}</Table.Th>
            <Table.Th>{t('message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((issue, i) => (
            <Table.Tr key={i}>
              <Table.Td>{issue.row}</Table.Td>
              <Table.Td>{issue.column}</Table.Td>
              <Table.Td>{issue.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
