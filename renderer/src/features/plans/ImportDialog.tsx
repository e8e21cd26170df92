import { Alert, Button, FileButton, Grid, Group, List, Modal, ScrollArea, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportResult } from '../../../../shared/plans/importer.js';
import type { PlanContent } from '../../../../shared/plans/model.js';
import { showApiError } from '../../api/errors.js';
import { useApi } from '../../api/hooks.js';
import { readFileAsBase64 } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { planMessages as m } from './messages.js';
import { PlanFacts } from './PlanFacts.js';
import { PlanFields } from './PlanFields.js';

function titleCase(caps: string): string {
  const lower = caps.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** Paste text or open a .docx → structured draft beside its source → save as received or as own draft. */
export function ImportDialog({ opened, onClose, onSaved }: { opened: boolean; onClose(): void; onSaved(id: string): void }) {
  const t = useT(m);
  const api = useApi();
  const [text, setText] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [draft, setDraft] = useState<PlanContent | null>(null);
  const [sourceUnit, setSourceUnit] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const take = (r: ImportResult) => {
    setResult(r);
    setDraft(r.draft);
    setSourceUnit(r.draft.header.issuingBody ? titleCase(r.draft.header.issuingBody) : '');
  };
  const analyse = async () => {
    try {
      take(await api.call('plans.importText', { text }));
    } catch (e) {
      showApiError(e);
    }
  };
  const openDocx = async (file: File | null) => {
    if (!file) return;
    try {
      take(await api.call('plans.importDocx', await readFileAsBase64(file)));
    } catch (e) {
      showApiError(e);
    }
  };
  const close = () => {
    setText('');
    setResult(null);
    setDraft(null);
    setErrors({});
    onClose();
  };
  const save = async (as: 'received' | 'draft') => {
    if (!draft) return;
    setBusy(true);
    try {
      const plan = as === 'received' ? await api.call('plans.receiveContent', { content: draft, sourceUnitName: sourceUnit || draft.header.issuingBody }) : await api.call('plans.create', { content: draft });
      notifications.show({ color: 'teal', message: as === 'received' ? t('received') : t('saved') });
      close();
      onSaved(plan.id);
    } catch (e) {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(showApiError(e))) fields[k.replace(/^content\./u, '')] = v;
      setErrors(fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} fullScreen title={<Title order={3}>{result ? t('reviewTitle') : t('pasteTitle')}</Title>}>
      {!result || !draft ? (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('pasteHint')}
          </Text>
          <Textarea label={t('pasteLabel')} autosize minRows={14} maxRows={24} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="plan-import-text" />
          <Group>
            <Button onClick={() => void analyse()} disabled={text.trim() === ''} data-testid="plan-import-analyse">
              {t('analyse')}
            </Button>
            <FileButton onChange={(f) => void openDocx(f)} accept=".docx">
              {(props) => (
                <Button variant="light" leftSection={<IconFileText size={16} />} {...props}>
                  {t('chooseDocx')}
                </Button>
              )}
            </FileButton>
          </Group>
        </Stack>
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Title order={5} mb="xs">
              {t('source')}
            </Title>
            <ScrollArea h="calc(100vh - 140px)" type="auto" data-testid="plan-import-source">
              <Stack gap={6} pr="sm">
                {result.paragraphs.map((p, i) => (
                  <Text key={i} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {p}
                  </Text>
                ))}
              </Stack>
            </ScrollArea>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <ScrollArea h="calc(100vh - 140px)" type="auto">
              <Stack pr="sm">
                <Title order={5}>{t('found')}</Title>
                {result.unplaced.length > 0 && (
                  <Alert color="yellow" icon={<IconAlertTriangle />} title={t('unplaced', { n: result.unplaced.length })} data-testid="plan-import-unplaced">
                    <List size="sm" spacing={2}>
                      {result.unplaced.map((u, i) => (
                        <List.Item key={i}>{u.message}</List.Item>
                      ))}
                    </List>
                  </Alert>
                )}
                <PlanFields value={draft} onChange={setDraft} errors={errors} />
                <PlanFacts plan={draft} />
                <TextInput label={t('sourceUnit')} value={sourceUnit} onChange={(e) => setSourceUnit(e.currentTarget.value)} data-testid="plan-import-source-unit" />
                <Group>
                  <Button loading={busy} onClick={() => void save('received')} data-testid="plan-import-save-received">
                    {t('saveAsReceived')}
                  </Button>
                  <Button loading={busy} variant="light" onClick={() => void save('draft')} data-testid="plan-import-save-draft">
                    {t('saveAsDraft')}
                  </Button>
                  <Button variant="subtle" onClick={close}>
                    {t('cancel')}
                  </Button>
                </Group>
              </Stack>
            </ScrollArea>
          </Grid.Col>
        </Grid>
      )}
    </Modal>
  );
}
