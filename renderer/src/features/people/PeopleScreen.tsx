import { Title } from '@mantine/core';

export function PeopleScreen() {
  return <Title order={2}>PeopleScreen</Title>;
}
