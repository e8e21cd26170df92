import { Title } from '@mantine/core';

export function DashboardScreen() {
  return <Title order={2}>DashboardScreen</Title>;
}
