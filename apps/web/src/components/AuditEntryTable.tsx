import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../api/audit';
import { actionLabelKey, objectTypeKey, outcomeLabel, type OutcomeTone } from '../audit/actions';
import { formatDateTime } from '../format/format';
import { isKnownRole, useRoleLabel } from './roles';
import { DataTable, type DataColumn } from './DataTable';
import { ShortId } from './ShortId';
import { StateLabel, type Tone } from './StateLabel';

const TONES: Record<OutcomeTone, Tone> = { positive: 'positive', negative: 'negative', neutral: 'neutral' };

/** Entries of the audit trail: the DPO's search and the admins' account events. */
export function AuditEntryTable({ entries, label }: { entries: readonly AuditEntryView[]; label: string }) {
  const { t, i18n } = useTranslation();
  const roleLabel = useRoleLabel();

  const columns: DataColumn<AuditEntryView>[] = [
    {
      key: 'when',
      header: t('auditTable.columns.when'),
      cell: (entry) => (
        <Stack gap={2}>
          <Text size="sm">{formatDateTime(entry.occurredAt, i18n.language)}</Text>
          <Text size="xs" c="dimmed">
            {t('auditTable.entryNumber', { id: entry.id })}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'action',
      header: t('auditTable.columns.action'),
      cell: (entry) => (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t(actionLabelKey(entry.action))}
          </Text>
          {/* The raw code, for the DPO to search and to match with an export. */}
          <Text size="xs" c="dimmed" ff="monospace" className="id-text">
            {entry.action}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'outcome',
      header: t('auditTable.columns.outcome'),
      cell: (entry) => {
        const outcome = outcomeLabel(entry.outcome);
        return <StateLabel tone={TONES[outcome.tone]}>{t(outcome.key)}</StateLabel>;
      },
    },
    {
      key: 'actor',
      header: t('auditTable.columns.actor'),
      cell: (entry) =>
        entry.actorId ? (
          <Stack gap={2}>
            <ShortId id={entry.actorId} />
            {entry.actorRoles.length > 0 && (
              <Text size="xs" c="dimmed">
                {entry.actorRoles.map((role) => (isKnownRole(role) ? roleLabel(role) : role)).join(', ')}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('auditTable.noActor')}
          </Text>
        ),
    },
    {
      key: 'object',
      header: t('auditTable.columns.object'),
      cell: (entry) => {
        const typeKey = entry.objectType ? objectTypeKey(entry.objectType) : null;
        const others = (entry.objectIds ?? []).filter((id) => id !== entry.objectId);
        if (!entry.objectType && !entry.objectId && others.length === 0) {
          return (
            <Text size="sm" c="dimmed">
              {t('auditTable.noObject')}
            </Text>
          );
        }
        return (
          <Stack gap={2}>
            {entry.objectType && <Text size="sm">{typeKey ? t(typeKey) : entry.objectType}</Text>}
            {entry.objectId && <ShortId id={entry.objectId} />}
            {others.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('auditTable.moreObjects', { count: others.length })}
              </Text>
            )}
          </Stack>
        );
      },
    },
    {
      key: 'detail',
      header: t('auditTable.columns.detail'),
      cell: (entry) => (
        <Stack gap={2}>
          {entry.detail && (
            <Text size="sm" className="id-text">
              {entry.detail}
            </Text>
          )}
          {entry.reason && <Text size="sm">{t('auditTable.reason', { reason: entry.reason })}</Text>}
          {!entry.detail && !entry.reason && (
            <Text size="sm" c="dimmed">
              {t('auditTable.noDetail')}
            </Text>
          )}
        </Stack>
      ),
    },
  ];

  return <DataTable label={label} columns={columns} rows={entries} rowKey={(entry) => entry.id} />;
}
