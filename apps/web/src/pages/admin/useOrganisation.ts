import { useQuery } from '@tanstack/react-query';
import { adminKeys, fetchSites, fetchTeams } from '../../api/admin';

/** Sites and teams of the association, shared by every admin screen (one cache entry each). */
export function useSites(enabled = true) {
  return useQuery({ queryKey: adminKeys.sites(), queryFn: ({ signal }) => fetchSites(signal), enabled });
}

export function useTeams(enabled = true) {
  return useQuery({ queryKey: adminKeys.teams(), queryFn: ({ signal }) => fetchTeams(signal), enabled });
}
