import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api'
import { meQueryKey } from '../../../lib/auth'
import { clearPrivateQueries } from '../../../lib/query-keys'
import type { LoginRequest, MeResponse } from '../../../types/api'

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: LoginRequest) => api.post<MeResponse>('/api/auth/login', request),
    onSuccess: (me) => {
      clearPrivateQueries(queryClient)
      queryClient.setQueryData(meQueryKey, me)
    },
  })
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
  })
}
