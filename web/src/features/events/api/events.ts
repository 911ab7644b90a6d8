import { useInfiniteQuery } from '@tanstack/react-query'
import { api, withQuery } from '../../../lib/api'
import type { CursorPageCriticalEventResponse } from '../../../types/api'
import type { Severity } from '../../../types/domain'

export interface EventFilters {
  severity: Severity | ''
  source: string
}

const PAGE_SIZE = 50

export function useCriticalEvents(filters: EventFilters) {
  return useInfiniteQuery({
    queryKey: ['critical-events', filters],
    queryFn: ({ pageParam }) =>
      api.get<CursorPageCriticalEventResponse>(
        withQuery('/api/critical-events', { ...filters, before: pageParam, size: PAGE_SIZE }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  })
}
