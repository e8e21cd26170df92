import { Alert, Box, Button, Center, Divider, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, Stepper, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconBuildingCommunity, IconCheck, IconDatabase, IconRocket } from '@tabler/icons-react';
import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { setupInput } from '../../../../shared/api/methods/system.js';
import { UNIT_LEVELS, UNIT_LEVEL_LABELS, type UnitLevel } from '../../../../shared/domain/units.js';
import type { SessionInfo } from '../../../../shared/domain/users.js';
import { showApiError } from '../../api/errors.js';
import { useCommand } from '../../api/hooks.js';
import { DraftBanner } from '../../drafts/DraftBanner.js';
import { useDraft } from '../../drafts/useDraft.js';
import { useForm } from '../../forms/useForm.js';
import { validate } from '../../forms/validate.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { pick } from '../../i18n/messages.js';
import { LanguageSwitch } from '../../i18n/LanguageSwitch.js';
import { setupMessages as m } from './messages.js';
import { WizardRestore } from '../backup/WizardRestore.js';

const EMPTY_OFFICE = { name: '', shortName: '', level: null as UnitLevel | null, parentName: '', province: '', placeName: '' };
const EMPTY_ADMIN = { displayName: '', username: '', password: '', confirm: '' };

/** First run: giới thiệu → đơn vị → tài khoản quản trị → xong; or one click on demo data. */
export function SetupWizard({ onDone }: { onDone(session: SessionInfo): void }) {
  const t = useT(m);
  const { lang } = useLanguage();
  const [step, setStep] = useState(0);
  const office = useForm(EMPTY_OFFICE, 'office.');
  const admin = useForm(EMPTY_ADMIN, 'admin.');
  const setup = useCommand('system.setup');
  const demo = useCommand('demo.load');
  const [session, setSession] = useState<SessionInfo | null>(null);
  // Passwords never go into drafts.
  const officeDraft = useDraft('setup.office', t('stepOffice'), office.values, { enabled: session === null });
  const adminDraft = useDraft('setup.admin', t('stepAdmin'), admin.values, { exclude: ['password', 'confirm'], enabled: session === null });

  const nextFromOffice = () => {
    const errors = validate(setupInput.shape.office, office.values, 'office.');
    if (errors) return office.setErrors(errors);
    setStep(2);
  };

  const finish = async () => {
    const errors = validate(setupInput.shape.admin, admin.values, 'admin.') ?? {};
    if (admin.values.password !== admin.values.confirm) errors['admin.confirm'] = t('mismatch');
    if (Object.keys(errors).length > 0) return admin.setErrors(errors);
    try {
      const { confirm: _confirm, ...adminInput } = admin.values;
      const result = await setup.run({ office: { ...office.values, level: office.values.level as UnitLevel }, admin: adminInput });
      await officeDraft.clear();
      await adminDraft.clear();
      setSession(result);
      setStep(3);
    } catch (error) {
      const fields = showApiError(error, { setErrors: (e) => { office.setErrors(e); admin.setErrors(e); } });
      if (Object.keys(fields).some((p) => p.startsWith('office.'))) setStep(1);
    }
  };

  const loadDemo = async () => {
    try {
      const result = await demo.run({});
      notifications.show({ color: 'teal', message: t('demoDone', { units: result.units, people: result.people }) });
      onDone(result.session);
    } catch (error) {
      showApiError(error);
    }
  };

  const levels = UNIT_LEVELS.map((level) => ({ value: level, label: pick(UNIT_LEVEL_LABELS[level], lang) }));

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="md" radius="lg" p={36} w={820} data-testid="setup-wizard">
        <Group justify="space-between" mb="lg" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={40} radius="xl" color="red.7">
              <IconBuildingCommunity size={24} />
            </ThemeIcon>
            <Text fw={700} fz="lg" c="red.8">
              {t('appTitle')}
            </Text>
          </Group>
          <LanguageSwitch />
        </Group>
        <Stepper active={step === 3 ? 4 : step} size="sm" allowNextStepsSelect={false} mb="xl">
          <Stepper.Step label={t('stepIntro')} description={t('stepIntroDesc')} />
          <Stepper.Step label={t('stepOffice')} description={t('stepOfficeDesc')} />
          <Stepper.Step label={t('stepAdmin')} description={t('stepAdminDesc')} />
          <Stepper.Step label={t('stepDone')} description={t('stepDoneDesc')} />
        </Stepper>

        {step === 0 && (
          <Stack gap="md">
            <Title order={2}>{t('welcome')}</Title>
            <Text>{t('intro1')}</Text>
            <Text>{t('intro2')}</Text>
            <Text c="dimmed">{t('intro3')}</Text>
            <Group justify="flex-end" mt="md">
              <Button size="md" rightSection={<IconArrowRight size={18} />} onClick={() => setStep(1)} data-testid="setup-start">
                {t('start')}
              </Button>
            </Group>
            <Divider my="xs" />
            <Alert color="teal" variant="light" icon={<IconDatabase />}>
              <Group justify="space-between" wrap="nowrap" gap="md">
                <Text size="sm">{t('demoHint')}</Text>
                <Button color="teal" size="md" onClick={() => void loadDemo()} loading={demo.running} data-testid="setup-demo" style={{ flexShrink: 0 }}>
                  {t('demo')}
                </Button>
              </Group>
            </Alert>
            <WizardRestore />
          </Stack>
        )}

        {step === 1 && (
          <Stack gap="md">
            <Box>
              <Title order={3}>{t('officeTitle')}</Title>
              <Text c="dimmed" size="sm">
                {t('officeHint')}
              </Text>
            </Box>
            <DraftBanner draft={officeDraft} onRestore={(data) => office.setValues({ ...office.values, ...data })} />
            <TextInput label={t('name')} placeholder={t('namePh')} withAsterisk data-testid="setup-office-name" {...office.text('name')} />
            <SimpleGrid cols={2}>
              <Select label={t('level')} placeholder={t('levelPh')} withAsterisk allowDeselect={false} data={levels} description={t('levelHint')} data-testid="setup-office-level" {...office.field('level')} onChange={(v) => office.setValue('level', v as UnitLevel | null)} />
              <TextInput label={t('shortName')} {...office.text('shortName')} />
            </SimpleGrid>
            <TextInput label={t('parentName')} placeholder={t('parentNamePh')} data-testid="setup-office-parent" {...office.text('parentName')} />
            <SimpleGrid cols={2}>
              <TextInput label={t('province')} placeholder={t('provincePh')} withAsterisk data-testid="setup-office-province" {...office.text('province')} />
              <TextInput label={t('placeName')} placeholder={t('placeNamePh')} description={t('placeNameHint')} withAsterisk data-testid="setup-office-place" {...office.text('placeName')} />
            </SimpleGrid>
            <Group justify="space-between" mt="md">
              <Button variant="default" leftSection={<IconArrowLeft size={18} />} onClick={() => setStep(0)}>
                {t('back')}
              </Button>
              <Button rightSection={<IconArrowRight size={18} />} onClick={nextFromOffice} data-testid="setup-next">
                {t('next')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 2 && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void finish();
            }}
          >
            <Stack gap="md">
              <Box>
                <Title order={3}>{t('adminTitle')}</Title>
                <Text c="dimmed" size="sm">
                  {t('adminHint')}
                </Text>
              </Box>
              <DraftBanner draft={adminDraft} onRestore={(data) => admin.setValues({ ...admin.values, ...data, password: admin.values.password, confirm: admin.values.confirm })} />
              <TextInput label={t('displayName')} placeholder={t('displayNamePh')} withAsterisk data-testid="setup-admin-name" {...admin.text('displayName')} />
              <TextInput label={t('username')} description={t('usernameHint')} withAsterisk autoComplete="username" data-testid="setup-admin-username" {...admin.text('username')} />
              <SimpleGrid cols={2}>
                <PasswordInput label={t('password')} description={t('passwordHint')} withAsterisk autoComplete="new-password" data-testid="setup-admin-password" {...admin.text('password')} />
                <PasswordInput label={t('confirm')} description=" " withAsterisk autoComplete="new-password" data-testid="setup-admin-confirm" {...admin.text('confirm')} />
              </SimpleGrid>
              <Group justify="space-between" mt="md">
                <Button variant="default" leftSection={<IconArrowLeft size={18} />} onClick={() => setStep(1)}>
                  {t('back')}
                </Button>
                <Button type="submit" loading={setup.running} leftSection={<IconCheck size={18} />} data-testid="setup-finish">
                  {t('finish')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}

        {step === 3 && session && (
          <Stack gap="md" align="center" ta="center" py="md">
            <ThemeIcon size={72} radius="xl" color="teal">
              <IconCheck size={40} />
            </ThemeIcon>
            <Title order={2}>{t('doneTitle')}</Title>
            <Text size="lg">{t('doneText', { office: office.values.name, username: session.user.username })}</Text>
            <Text c="dimmed" maw={620}>
              {t('doneNext')}
            </Text>
            <Button size="md" mt="sm" leftSection={<IconRocket size={18} />} onClick={() => onDone(session)} data-testid="setup-enter">
              {t('enter')}
            </Button>
          </Stack>
        )}
      </Paper>
    </Center>
  );
}
