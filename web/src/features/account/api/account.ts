import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api'
import { meQueryKey } from '../../../lib/auth'
import type { ChangeLanguageRequest, ChangePasswordRequest, MeResponse } from '../../../types/api'

/** Ends every session of the user, this one included: the caller sends them to the login page. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (request: ChangePasswordRequest) => api.put<void>('/api/account/password', request),
  })
}

export function useChangeLanguage() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (request: ChangeLanguageRequest) => api.put<MeResponse>('/api/account/language', request),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  })
}
