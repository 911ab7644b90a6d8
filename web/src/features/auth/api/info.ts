import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api'
import { queryKeys } from '../../../lib/query-keys'
import type { InfoResponse } from '../../../types/api'

export function useInfo() {
  return useQuery({
    queryKey: queryKeys.publicInfo,
    queryFn: () => api.get<InfoResponse>('/api/public/info'),
    staleTime: Infinity,
  })
}
