import { ActionIcon, Box, Button, Group, Paper, Stack, TextInput, Textarea, Tooltip } from '@mantine/core';
import { IconListNumbers, IconSubtask } from '@tabler/icons-react';
import type { Block } from '../../../../shared/plans/model.js';
import { addTask, moveTask, removeTask, renumberTasks, updateTask, type TaskPath } from '../../../../shared/plans/edit.js';
import { useT } from '../../i18n/language.js';
import { editorMessages as m } from './editor-messages.js';
import { AddButton, EmptyNote, ItemControls, SectionHead } from './EditorParts.js';

/** Deep enough for the seeds (1. → a) → - → +); deeper items are still shown and edited, only not added. */
const MAX_DEPTH = 4;

function TaskNode({ block, path, count, tasks, onChange }: { block: Block; path: TaskPath; count: number; tasks: readonly Block[]; onChange(next: Block[]): void }) {
  const t = useT(m);
  const depth = path.length - 1;
  const index = path[path.length - 1] ?? 0;
  const testId = `task-${path.join('-')}`;
  const fields = (
    <Stack gap={6}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput aria-label={t('taskLabel')} w={64} size="xs" value={block.label} onChange={(e) => onChange(updateTask(tasks, path, { label: e.currentTarget.value }))} data-testid={`${testId}-label`} />
        <TextInput aria-label={t('taskHeading')} placeholder={t('taskHeading')} size="xs" fw={600} style={{ flex: 1 }} value={block.heading} onChange={(e) => onChange(updateTask(tasks, path, { heading: e.currentTarget.value }))} data-testid={`${testId}-heading`} />
        {depth + 1 < MAX_DEPTH && (
          <Tooltip label={t('addSubTask')}>
            <ActionIcon variant="subtle" aria-label={t('addSubTask')} onClick={() => onChange(addTask(tasks, path))} data-testid={`${testId}-add-child`}>
              <IconSubtask size={16} />
            </ActionIcon>
          </Tooltip>
        )}
        <ItemControls index={index} count={count} onMove={(d) => onChange(moveTask(tasks, path, d))} onRemove={() => onChange(removeTask(tasks, path))} testId={testId} />
      </Group>
      <Textarea aria-label={t('taskText')} placeholder={t('taskText')} size="xs" autosize minRows={1} maxRows={8} ml={72} value={block.text} onChange={(e) => onChange(updateTask(tasks, path, { text: e.currentTarget.value }))} data-testid={`${testId}-text`} />
      {block.children.length > 0 && (
        <Box ml={36} pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
          <Stack gap="xs">
            {block.children.map((child, i) => (
              <TaskNode key={i} block={child} path={[...path, i]} count={block.children.length} tasks={tasks} onChange={onChange} />
            ))}
          </Stack>
        </Box>
      )}
    </Stack>
  );
  return depth === 0 ? (
    <Paper withBorder p="sm" data-testid={testId}>
      {fields}
    </Paper>
  ) : (
    <div data-testid={testId}>{fields}</div>
  );
}

/** Focus tasks as a numbered tree: add at any level, edit, move within their level, remove, renumber. */
export function TasksEditor({ tasks, onChange }: { tasks: readonly Block[]; onChange(next: Block[]): void }) {
  const t = useT(m);
  return (
    <Stack gap="sm">
      <SectionHead
        title={t('tabTasks')}
        hint={t('tasksHint')}
        action={
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="default" leftSection={<IconListNumbers size={14} />} disabled={tasks.length === 0} onClick={() => onChange(renumberTasks(tasks))} data-testid="task-renumber">
              {t('renumber')}
            </Button>
            <AddButton label={t('addTask')} testId="task-add" onClick={() => onChange(addTask(tasks, []))} />
          </Group>
        }
      />
      {tasks.length === 0 && <EmptyNote />}
      {tasks.map((b, i) => (
        <TaskNode key={i} block={b} path={[i]} count={tasks.length} tasks={tasks} onChange={onChange} />
      ))}
    </Stack>
  );
}
