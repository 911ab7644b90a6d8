import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api'
import { queryKeys } from '../../../lib/query-keys'

export type { ConnectionResponse, CreateConnectionRequest, UpdateConnectionRequest } from '../../../types/api'
import type { ConnectionResponse, CreateConnectionRequest, UpdateConnectionRequest } from '../../../types/api'

/** Every connection the signed-in user may see (active and inactive), sorted by name. */
export function useConnections() {
  return useQuery({
    queryKey: queryKeys.connections,
    queryFn: () => api.get<ConnectionResponse[]>('/api/connections'),
  })
}

function useConnectionMutation<V>(mutationFn: (variables: V) => Promise<ConnectionResponse>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections }),
  })
}

export const useCreateConnection = () =>
  useConnectionMutation((request: CreateConnectionRequest) =>
    api.post<ConnectionResponse>('/api/connections', request),
  )

export const useUpdateConnection = () =>
  useConnectionMutation(({ id, request }: { id: number; request: UpdateConnectionRequest }) =>
    api.put<ConnectionResponse>(`/api/connections/${id}`, request),
  )

export const useSetConnectionActive = () =>
  useConnectionMutation(({ id, active }: { id: number; active: boolean }) =>
    api.post<ConnectionResponse>(`/api/connections/${id}/${active ? 'reactivate' : 'inactivate'}`),
  )

export type { HoursRequest } from '../../../types/api'
import type { HoursRequest } from '../../../types/api'

export const useSetHours = () =>
  useConnectionMutation(({ id, request }: { id: number; request: HoursRequest }) =>
    api.put<ConnectionResponse>(`/api/connections/${id}/hours`, request),
  )

export type { TeamRequest } from '../../../types/api'
import type { TeamRequest } from '../../../types/api'

export const useSetTeam = () =>
  useConnectionMutation(({ id, request }: { id: number; request: TeamRequest }) =>
    api.put<ConnectionResponse>(`/api/connections/${id}/team`, request),
  )
