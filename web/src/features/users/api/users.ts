import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, withQuery } from '../../../lib/api'
import { queryKeys } from '../../../lib/query-keys'
import type { CreateUserRequest, ResetPasswordRequest, UpdateUserRequest, UserResponse } from '../../../types/api'
import type { Role } from '../../../types/domain'

export interface UserFilters {
  q?: string
  role?: Role | ''
  active?: 'true' | 'false' | ''
}

export function useUsers(filters: UserFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.users, filters],
    queryFn: () => api.get<UserResponse[]>(withQuery('/api/users', { ...filters })),
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  })
}

function useUserMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      // Department member lists follow users' departments.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.users }),
        queryClient.invalidateQueries({ queryKey: queryKeys.departments }),
      ])
    },
  })
}

export const useCreateUser = () =>
  useUserMutation((request: CreateUserRequest) => api.post<UserResponse>('/api/users', request))

export const useUpdateUser = () =>
  useUserMutation(({ id, request }: { id: number; request: UpdateUserRequest }) =>
    api.put<UserResponse>(`/api/users/${id}`, request),
  )

export const useSetUserActive = () =>
  useUserMutation(({ id, active }: { id: number; active: boolean }) =>
    api.post<UserResponse>(`/api/users/${id}/${active ? 'reactivate' : 'inactivate'}`),
  )

export const useResetPassword = () =>
  useUserMutation(({ id, request }: { id: number; request: ResetPasswordRequest }) =>
    api.post<void>(`/api/users/${id}/password`, request),
  )
