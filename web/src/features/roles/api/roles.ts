import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api'
import { meQueryKey } from '../../../lib/auth'
import type { RoleResponse, RolesResponse } from '../../../types/api'
import type { Role } from '../../../types/domain'

const rolesKey = ['roles'] as const

export function useRoles() {
  return useQuery({ queryKey: rolesKey, queryFn: () => api.get<RolesResponse>('/api/roles') })
}

/** PUTs the permissions of every given role, one after the other. */
export function useSaveRolePermissions() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (changes: ReadonlyArray<{ role: Role; permissions: string[] }>) => {
      const saved: RoleResponse[] = []
      for (const { role, permissions } of changes) {
        saved.push(await api.put<RoleResponse>(`/api/roles/${role}/permissions`, { permissions }))
      }
      return saved
    },
    // Refresh even after a partial failure; the signed-in user's own permissions may have changed.
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: rolesKey }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ])
    },
  })
}
