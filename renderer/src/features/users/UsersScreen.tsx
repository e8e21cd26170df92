import { Title } from '@mantine/core';

export function UsersScreen() {
  return <Title order={2}>UsersScreen</Title>;
}
