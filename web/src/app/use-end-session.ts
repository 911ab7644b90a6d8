import { useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useNavigate } from 'react-router'
import { clearPrivateQueries } from '../lib/query-keys'

/** Why the login page is shown again; it displays a matching notice. */
export type LoginNotice = 'passwordChanged' | 'sessionEnded'

export interface LoginState {
  notice?: LoginNotice
  /** Where to go back to after logging in. */
  from?: string
}

/** Leaves the authenticated part of the app: to the login page, forgetting the user's data. */
export function useEndSession() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return useCallback(
    async (notice?: LoginNotice) => {
      const state: LoginState = { notice }
      await navigate('/login', { replace: true, state })
      clearPrivateQueries(queryClient)
    },
    [navigate, queryClient],
  )
}
