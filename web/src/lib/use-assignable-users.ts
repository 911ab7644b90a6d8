import { useQuery } from '@tanstack/react-query'
import type { UserResponse } from '../types/api'
import { api, withQuery } from './api'
import { queryKeys } from './query-keys'

/** Active users work can be given to, as far as the signed-in user may list them (their own scope). */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.users, 'assignable'],
    queryFn: () => api.get<UserResponse[]>(withQuery('/api/users', { active: true })),
    enabled,
  })
}
