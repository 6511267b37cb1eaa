import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import {
  IDENTIFYING_CATEGORIES,
  REFERRAL_OUTCOMES,
  SHARED_CATEGORIES,
  type ConsentPurpose,
  type ReferralOutcome,
  type ReferralView,
  type SharedCategory,
} from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentKeys,
  createReferral,
  fetchPartners,
  fetchReferrals,
  missingConsents,
  updateReferral,
} from '../../api/documents';
import { isApiError } from '../../api/client';
import { peopleKeys, recordConsent } from '../../api/people';
import { ErrorAlert, SuccessNotice } from '../../components/ErrorAlert';
import { IconAlertTriangle } from '../../components/icons';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { StateLabel } from '../../components/StateLabel';
import { parisToday } from './documents';
import { formatDay } from './DocumentsTab';

/** The referrals tab: refer to a partner of the directory, within the consent in force. */
export function ReferralsTab({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const referrals = useQuery({
    queryKey: documentKeys.referrals(personId),
    queryFn: ({ signal }) => fetchReferrals(personId, signal),
  });
  return (
    <Stack gap="md" pt="md">
      {canWrite && <ReferralForm personId={personId} />}
      {referrals.isPending ? (
        <ListSkeleton label={t('referrals.loading')} rows={2} />
      ) : referrals.isError ? (
        <LoadError error={referrals.error} onRetry={() => void referrals.refetch()} retrying={referrals.isFetching} />
      ) : referrals.data.length === 0 ? (
        <EmptyState>{t('referrals.empty')}</EmptyState>
      ) : (
        <Table aria-label={t('referrals.list')} withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('referrals.partner')}</Table.Th>
              <Table.Th scope="col">{t('referrals.referredOn')}</Table.Th>
              <Table.Th scope="col">{t('referrals.reason')}</Table.Th>
              <Table.Th scope="col">{t('referrals.shared')}</Table.Th>
              <Table.Th scope="col">{t('referrals.outcome')}</Table.Th>
              <Table.Th scope="col">{t('referrals.followUpOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {referrals.data.map((referral) => (
              <Table.Tr key={referral.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {referral.partnerName}
                  </Text>
                  <Text size="xs">{t(`partners.kinds.${referral.partnerKind}`)}</Text>
                </Table.Td>
                <Table.Td>{formatDay(referral.referredOn, i18n.language)}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {referral.reason}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {referral.pseudonymous && <StateLabel tone="neutral">{t('referrals.pseudonymous')}</StateLabel>}
                    <Text size="sm">
                      {referral.sharedCategories.map((c) => t(`referrals.categories.${c}`)).join(', ') || '—'}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {canWrite ? (
                    <OutcomeSelect personId={personId} referral={referral} />
                  ) : (
                    t(`referrals.outcomes.${referral.outcome}`)
                  )}
                </Table.Td>
                <Table.Td>{formatDay(referral.followUpOn, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function OutcomeSelect({ personId, referral }: { personId: string; referral: ReferralView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (outcome: ReferralOutcome) =>
      updateReferral(personId, referral.id, { outcome, version: referral.version }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: documentKeys.referrals(personId) }),
  });
  return (
    <Stack gap={4}>
      <NativeSelect
        aria-label={t('referrals.outcomeOf', { partner: referral.partnerName })}
        size="xs"
        value={referral.outcome}
        disabled={save.isPending}
        data={REFERRAL_OUTCOMES.map((value) => ({ value, label: t(`referrals.outcomes.${value}`) }))}
        onChange={(event) => save.mutate(event.currentTarget.value as ReferralOutcome)}
      />
      {save.isError && <ErrorAlert error={save.error} />}
    </Stack>
  );
}

function ReferralForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const partners = useQuery({
    queryKey: documentKeys.partners(false),
    queryFn: ({ signal }) => fetchPartners(false, signal),
  });
  const [partnerId, setPartnerId] = useState('');
  const [reason, setReason] = useState('');
  const [referredOn, setReferredOn] = useState(parisToday());
  const [followUpOn, setFollowUpOn] = useState('');
  const [categories, setCategories] = useState<SharedCategory[]>(['situation']);
  const [pseudonymous, setPseudonymous] = useState(false);
  const chosenPartner = partners.data?.find((p) => p.id === partnerId) ?? partners.data?.[0];

  const create = useMutation({
    mutationFn: () =>
      createReferral(personId, {
        partnerId: chosenPartner?.id ?? '',
        reason: reason.trim(),
        referredOn,
        followUpOn: followUpOn || null,
        sharedCategories: categories,
        pseudonymous,
      }),
    onSuccess: () => {
      setReason('');
      setFollowUpOn('');
      void queryClient.invalidateQueries({ queryKey: documentKeys.referrals(personId) });
    },
  });
  const consent = useMutation({
    mutationFn: (purpose: ConsentPurpose) =>
      recordConsent(personId, {
        purpose,
        given: true,
        ...(purpose === 'share_partner' && chosenPartner ? { partnerId: chosenPartner.id } : {}),
      }),
    onSuccess: () => {
      create.reset();
      void queryClient.invalidateQueries({ queryKey: peopleKeys.consents(personId) });
    },
  });
  const needed =
    create.isError && isApiError(create.error) && create.error.code === 'CONSENT_REQUIRED'
      ? missingConsents(create.error.details)
      : [];
  const purposeLabel = (purpose: ConsentPurpose) =>
    purpose === 'share_partner'
      ? t('referrals.consentWithPartner', { partner: chosenPartner?.name ?? '' })
      : t(`consents.purposes.${purpose}`);

  if (partners.isSuccess && partners.data.length === 0) {
    return <EmptyState>{t('referrals.noPartners')}</EmptyState>;
  }
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          consent.reset();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('referrals.add')}
          </Title>
          <NativeSelect
            label={t('referrals.partner')}
            value={chosenPartner?.id ?? ''}
            data={(partners.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.name} — ${t(`partners.kinds.${p.kind}`)}`,
            }))}
            onChange={(event) => {
              setPartnerId(event.currentTarget.value);
              create.reset();
            }}
            required
          />
          <Textarea
            label={t('referrals.reason')}
            description={t('referrals.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            minLength={3}
            maxLength={2000}
            autosize
            minRows={2}
            required
          />
          <Group gap="md" wrap="wrap">
            <TextInput
              type="date"
              label={t('referrals.referredOn')}
              value={referredOn}
              onChange={(event) => setReferredOn(event.currentTarget.value)}
              required
            />
            <TextInput
              type="date"
              label={t('referrals.followUpOn')}
              value={followUpOn}
              onChange={(event) => setFollowUpOn(event.currentTarget.value)}
            />
          </Group>
          <Checkbox
            label={t('referrals.pseudonymousLabel')}
            description={t('referrals.pseudonymousHint')}
            checked={pseudonymous}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              setPseudonymous(on);
              if (on) setCategories((current) => current.filter((c) => !IDENTIFYING_CATEGORIES.includes(c)));
              create.reset();
            }}
          />
          <Checkbox.Group
            label={t('referrals.shared')}
            description={t('referrals.sharedHint')}
            value={categories}
            onChange={(value) => {
              setCategories(value as SharedCategory[]);
              create.reset();
            }}
          >
            <Group gap="md" mt={4}>
              {SHARED_CATEGORIES.map((category) => (
                <Checkbox
                  key={category}
                  value={category}
                  label={t(`referrals.categories.${category}`)}
                  disabled={pseudonymous && IDENTIFYING_CATEGORIES.includes(category)}
                />
              ))}
            </Group>
          </Checkbox.Group>
          {needed.length > 0 ? (
            <Alert color="orange" variant="outline" icon={<IconAlertTriangle />} role="alert">
              <Stack gap="xs">
                <Text inherit fw={700}>
                  {t('referrals.consentNeeded.title')}
                </Text>
                <Text inherit>{t('referrals.consentNeeded.body')}</Text>
                <Text inherit>{t('referrals.consentNeeded.how')}</Text>
                <Group gap="xs">
                  {needed.map((purpose) => (
                    <Button
                      key={purpose}
                      size="xs"
                      variant="outline"
                      loading={consent.isPending && consent.variables === purpose}
                      onClick={() => consent.mutate(purpose)}
                    >
                      {t('referrals.consentNeeded.record', { purpose: purposeLabel(purpose) })}
                    </Button>
                  ))}
                </Group>
              </Stack>
            </Alert>
          ) : (
            create.isError && <ErrorAlert error={create.error} />
          )}
          {consent.isError && <ErrorAlert error={consent.error} />}
          {consent.isSuccess && (
            <SuccessNotice>
              {t('referrals.consentRecorded', { purpose: purposeLabel(consent.variables) })}
            </SuccessNotice>
          )}
          {create.isSuccess && <SuccessNotice>{t('referrals.saved')}</SuccessNotice>}
          <Group>
            <Button type="submit" loading={create.isPending} disabled={!chosenPartner}>
              {t('referrals.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
