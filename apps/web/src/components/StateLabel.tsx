import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconClock, IconInfoCircle } from './icons';

export type Tone = 'positive' | 'negative' | 'warning' | 'pending' | 'neutral';

// Colour on the icon only: the words carry the state, and coloured text would miss 4.5:1.
const ICONS: Record<Tone, ReactNode> = {
  positive: <IconCircleCheck size={18} color="var(--mantine-color-green-8)" />,
  negative: <IconCircleX size={18} color="var(--mantine-color-red-8)" />,
  warning: <IconAlertTriangle size={18} color="var(--mantine-color-orange-8)" />,
  pending: <IconClock size={18} color="var(--mantine-color-blue-8)" />,
  neutral: <IconInfoCircle size={18} color="var(--mantine-color-gray-7)" />,
};

/** A state in words with an icon as its second cue (UI.md: never colour alone). */
export function StateLabel({ tone, children }: { tone: Tone; children: string }) {
  return (
    <Group gap={6} wrap="nowrap" data-tone={tone} component="span" style={{ display: 'inline-flex' }}>
      {ICONS[tone]}
      <Text span size="sm" fw={600}>
        {children}
      </Text>
    </Group>
  );
}
