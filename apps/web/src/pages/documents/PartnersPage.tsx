import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { PARTNER_KINDS, type PartnerKind, type PartnerView } from '@app/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentKeys, createPartner, fetchPartners, updatePartner } from '../../api/documents';
import { ErrorAlert, SuccessNotice } from '../../components/ErrorAlert';
import { EmptyState, ListSkeleton, LoadError } from '../../components/ListStates';
import { StateLabel } from '../../components/StateLabel';

const orNull = (value: string) => (value.trim() ? value.trim() : null);

/** The partners directory (admins and coordinators): add a partner, archive or restore one. */
export function PartnersPage() {
  const { t } = useTranslation();
  const [showArchived, setShowArchived] = useState(false);
  const partners = useQuery({
    queryKey: documentKeys.partners(showArchived),
    queryFn: ({ signal }) => fetchPartners(showArchived, signal),
  });
  return (
    <Stack gap="xl" maw={1000}>
      <Stack gap="sm">
        <Title order={1}>{t('nav.partners')}</Title>
        <Text maw={720}>{t('partners.intro')}</Text>
      </Stack>
      <PartnerForm />
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('partners.directory')}
          </Title>
          <Checkbox
            label={t('partners.showArchived')}
            checked={showArchived}
            onChange={(event) => setShowArchived(event.currentTarget.checked)}
          />
        </Group>
        {partners.isPending ? (
          <ListSkeleton label={t('partners.loading')} rows={3} />
        ) : partners.isError ? (
          <LoadError error={partners.error} onRetry={() => void partners.refetch()} retrying={partners.isFetching} />
        ) : partners.data.length === 0 ? (
          <EmptyState>{t('partners.empty')}</EmptyState>
        ) : (
          <Table aria-label={t('partners.directory')} withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('partners.name')}</Table.Th>
                <Table.Th scope="col">{t('partners.kind')}</Table.Th>
                <Table.Th scope="col">{t('partners.contact')}</Table.Th>
                <Table.Th scope="col">{t('partners.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partners.data.map((partner) => (
                <PartnerRow key={partner.id} partner={partner} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}

function PartnerRow({ partner }: { partner: PartnerView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => updatePartner(partner.id, { active: !partner.active, version: partner.version }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: documentKeys.allPartners }),
  });
  const contact = [partner.contactName, partner.phone, partner.email, partner.address].filter(Boolean).join(' · ');
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600}>{partner.name}</Text>
      </Table.Td>
      <Table.Td>{t(`partners.kinds.${partner.kind}`)}</Table.Td>
      <Table.Td>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {contact || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          <StateLabel tone={partner.active ? 'positive' : 'neutral'}>
            {t(partner.active ? 'partners.active' : 'partners.archived')}
          </StateLabel>
          <Button
            size="xs"
            variant="default"
            loading={toggle.isPending}
            onClick={() => toggle.mutate()}
            aria-label={t(partner.active ? 'partners.archiveNamed' : 'partners.restoreNamed', { name: partner.name })}
          >
            {t(partner.active ? 'partners.archive' : 'partners.restore')}
          </Button>
        </Group>
        {toggle.isError && <ErrorAlert error={toggle.error} />}
      </Table.Td>
    </Table.Tr>
  );
}

function PartnerForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PartnerKind>('housing');
  const [name, setName] = useState('');
  const [contactName, setContactName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createPartner({
        kind,
        name: name.trim(),
        contactName: orNull(contactName),
        phone: orNull(phone),
        email: orNull(email),
        address: orNull(address),
      }),
    onSuccess: () => {
      setName('');
      setContactName('');
      setPhone('');
      setEmail('');
      setAddress('');
      void queryClient.invalidateQueries({ queryKey: documentKeys.allPartners });
    },
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('partners.add')}
          </Title>
          <Group gap="md" wrap="wrap" align="flex-start">
            <NativeSelect
              label={t('partners.kind')}
              value={kind}
              data={PARTNER_KINDS.map((value) => ({ value, label: t(`partners.kinds.${value}`) }))}
              onChange={(event) => setKind(event.currentTarget.value as PartnerKind)}
            />
            <TextInput
              label={t('partners.name')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              required
              minLength={2}
              maxLength={200}
            />
            <TextInput
              label={t('partners.contactName')}
              value={contactName}
              onChange={(event) => setContactName(event.currentTarget.value)}
              maxLength={200}
            />
          </Group>
          <Group gap="md" wrap="wrap" align="flex-start">
            <TextInput
              label={t('partners.phone')}
              type="tel"
              value={phone}
              onChange={(event) => setPhone(event.currentTarget.value)}
              maxLength={40}
            />
            <TextInput
              label={t('partners.email')}
              type="email"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              maxLength={254}
            />
            <TextInput
              label={t('partners.address')}
              value={address}
              onChange={(event) => setAddress(event.currentTarget.value)}
              maxLength={500}
            />
          </Group>
          {create.isError && <ErrorAlert error={create.error} />}
          {create.isSuccess && <SuccessNotice>{t('partners.saved')}</SuccessNotice>}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('partners.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
