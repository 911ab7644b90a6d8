import { useQuery } from '@tanstack/react-query'
import { createContext, useContext, type ReactNode } from 'react'
import type { MeResponse } from '../types/api'
import { api } from './api'

/** Query key of the signed-in user (GET /api/auth/me); login and language changes write into it. */
export const meQueryKey = ['auth', 'me'] as const

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: () => api.get<MeResponse>('/api/auth/me'),
    staleTime: Infinity,
    retry: false,
  })
}

const CurrentUserContext = createContext<MeResponse | null>(null)

export function CurrentUserProvider({ user, children }: { user: MeResponse; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>
}

/** The signed-in user; only valid below the app's authenticated layout. */
export function useCurrentUser(): MeResponse {
  const user = useContext(CurrentUserContext)
  if (!user) throw new Error('useCurrentUser must be used below CurrentUserProvider')
  return user
}

export function hasPermission(user: MeResponse, permission: string): boolean {
  return user.permissions.includes(permission)
}
