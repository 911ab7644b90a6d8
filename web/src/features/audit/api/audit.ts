import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { api, withQuery } from '../../../lib/api'
import type { CursorPageAuditEntryResponse } from '../../../types/api'

export interface AuditFilters {
  action: string
  actor: string
  /** ISO instants */
  from?: string
  to?: string
}

const PAGE_SIZE = 50

export function useAuditActions() {
  return useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: () => api.get<string[]>('/api/audit/actions'),
    staleTime: Infinity,
  })
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', 'entries', filters],
    queryFn: ({ pageParam }) =>
      api.get<CursorPageAuditEntryResponse>(withQuery('/api/audit', { ...filters, before: pageParam, size: PAGE_SIZE })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}
