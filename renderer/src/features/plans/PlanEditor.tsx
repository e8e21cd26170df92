import { Alert, Badge, Group, List, ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import type { PlanContent } from '../../../../shared/plans/model.js';
import { useT } from '../../i18n/language.js';
import { editorMessages as m } from './editor-messages.js';
import { DeadlinesTable, IdentityFields } from './PlanFields.js';
import { MovementsEditor } from './MovementsEditor.js';
import { PhasesEditor } from './PhasesEditor.js';
import { TasksEditor } from './TasksEditor.js';
import { BasesEditor, ResponsibilitiesEditor, SubjectsEditor } from './OthersEditor.js';

type TabKey = 'general' | 'bases' | 'movements' | 'phases' | 'tasks' | 'subjects' | 'deadlines' | 'responsibilities';

/** Which top-level content fields each section edits (to point at the section holding an error). */
const TAB_FIELDS: Record<TabKey, readonly string[]> = {
  general: ['header', 'ref', 'year', 'docType', 'summary', 'theme', 'signer', 'period', 'attachmentNote'],
  bases: ['legalBases', 'purposes', 'requirements', 'preamble'],
  movements: ['movements'],
  phases: ['phases'],
  tasks: ['tasks'],
  subjects: ['subjects', 'titles'],
  deadlines: ['deadlines'],
  responsibilities: ['responsibilities', 'addressees', 'closing'],
};
const TABS = Object.keys(TAB_FIELDS) as TabKey[];
const TAB_LABEL = {
  general: 'tabGeneral',
  bases: 'tabBases',
  movements: 'tabMovements',
  phases: 'tabPhases',
  tasks: 'tabTasks',
  subjects: 'tabSubjects',
  deadlines: 'tabDeadlines',
  responsibilities: 'tabResponsibilities',
} as const;

function countOf(v: PlanContent, tab: TabKey): number | null {
  switch (tab) {
    case 'bases':
      return v.legalBases.length + v.purposes.length + v.requirements.length;
    case 'movements':
      return v.movements.length;
    case 'phases':
      return v.phases.length;
    case 'tasks':
      return v.tasks.length;
    case 'subjects':
      return v.titles.length;
    case 'deadlines':
      return v.deadlines.length;
    case 'responsibilities':
      return v.responsibilities.length + v.addressees.length;
    default:
      return null;
  }
}

function tabOf(path: string): TabKey | undefined {
  const field = path.replace(/^content\./u, '').split('.')[0] ?? '';
  return TABS.find((k) => TAB_FIELDS[k].includes(field));
}

/**
 * The whole plan in sections: identity, legal bases and purposes, movements,
 * phases with their commemorations, nested focus tasks, subjects and titles,
 * deadlines, responsibilities and addressees. Every list can be added to,
 * edited, reordered and cleared; the value is the plan content as the
 * `plans.update` command takes it.
 */
export function PlanEditor({ value, onChange, errors }: { value: PlanContent; onChange(next: PlanContent): void; errors: Record<string, string> }) {
  const t = useT(m);
  const [tab, setTab] = useState<string | null>('general');
  const set = (patch: Partial<PlanContent>) => onChange({ ...value, ...patch });
  const err = (path: string) => errors[path] ?? errors[`content.${path}`];
  const errorList = Object.entries(errors);
  const tabsWithErrors = new Set(errorList.map(([p]) => tabOf(p)));
  return (
    <Stack gap="sm">
      {errorList.length > 0 && (
        <Alert color="red" title={t('errorsTitle')} data-testid="plan-editor-errors">
          <List size="sm">
            {errorList.map(([path, message]) => {
              const where = tabOf(path);
              return (
                <List.Item key={path}>
                  {where ? (
                    <Text span size="sm" fw={600} td="underline" style={{ cursor: 'pointer' }} onClick={() => setTab(where)}>
                      {t(TAB_LABEL[where])}
                    </Text>
                  ) : null}
                  {where ? ': ' : ''}
                  {message}
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} orientation="vertical" variant="pills" keepMounted={false}>
        <Tabs.List w={250}>
          {TABS.map((k) => {
            const n = countOf(value, k);
            return (
              <Tabs.Tab key={k} value={k} data-testid={`plan-editor-tab-${k}`} {...(tabsWithErrors.has(k) ? { color: 'red' } : {})}>
                <Group gap={6} wrap="nowrap" justify="space-between">
                  <Text size="sm" {...(tabsWithErrors.has(k) && tab !== k ? { c: 'red' } : {})}>
                    {t(TAB_LABEL[k])}
                  </Text>
                  {n !== null && n > 0 && (
                    <Badge size="xs" variant={tab === k ? 'white' : 'light'} circle>
                      {n}
                    </Badge>
                  )}
                </Group>
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <ScrollArea.Autosize mah="calc(100vh - 260px)" style={{ flex: 1 }} offsetScrollbars>
          <Stack px="md" pb="md">
            <Tabs.Panel value="general">
              <IdentityFields value={value} set={set} err={err} />
            </Tabs.Panel>
            <Tabs.Panel value="bases">
              <BasesEditor value={value} set={set} err={err} />
            </Tabs.Panel>
            <Tabs.Panel value="movements">
              <MovementsEditor movements={value.movements} onChange={(movements) => set({ movements })} err={err} />
            </Tabs.Panel>
            <Tabs.Panel value="phases">
              <PhasesEditor phases={value.phases} year={value.year} onChange={(phases) => set({ phases })} err={err} />
            </Tabs.Panel>
            <Tabs.Panel value="tasks">
              <TasksEditor tasks={value.tasks} onChange={(tasks) => set({ tasks })} />
            </Tabs.Panel>
            <Tabs.Panel value="subjects">
              <SubjectsEditor value={value} set={set} err={err} />
            </Tabs.Panel>
            <Tabs.Panel value="deadlines">
              <DeadlinesTable value={value} set={set} err={err} />
            </Tabs.Panel>
            <Tabs.Panel value="responsibilities">
              <ResponsibilitiesEditor value={value} set={set} err={err} />
            </Tabs.Panel>
          </Stack>
        </ScrollArea.Autosize>
      </Tabs>
    </Stack>
  );
}
