import { NativeSelect } from '@mantine/core';
import type { SiteView, TeamView } from '@app/contracts';
import { useTranslation } from 'react-i18next';
import { teamsBySite } from '../../admin/organisation';
import { localeOf } from '../../format/format';

/**
 * The team, grouped by site, or none. A native select: the phone's own picker, and the keyboard
 * works as everywhere else.
 */
export function TeamSelect({
  label,
  description,
  sites,
  teams,
  value,
  onChange,
}: {
  label: string;
  description?: string;
  sites: readonly SiteView[];
  teams: readonly TeamView[];
  value: string | null;
  onChange: (teamId: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const groups = teamsBySite(sites, teams, localeOf(i18n.language)).filter((group) => group.teams.length > 0);
  return (
    <NativeSelect
      label={label}
      description={description}
      maw={480}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value || null)}
      data={[
        { value: '', label: t('user.team.none') },
        ...groups.map(({ site, teams: siteTeams }) => ({
          group: site.name,
          items: siteTeams.map((team) => ({ value: team.id, label: team.name })),
        })),
      ]}
    />
  );
}
