import { Title } from '@mantine/core';

export function UnitsScreen() {
  return <Title order={2}>UnitsScreen</Title>;
}
