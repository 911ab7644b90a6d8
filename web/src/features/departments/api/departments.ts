import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api'
import { meQueryKey } from '../../../lib/auth'
import { queryKeys } from '../../../lib/query-keys'
import type { DepartmentResponse, SaveDepartmentRequest, UpdateMembersRequest } from '../../../types/api'

/** Every department the signed-in user may see (active and inactive). */
export function useDepartments() {
  return useQuery({
    queryKey: queryKeys.departments,
    queryFn: () => api.get<DepartmentResponse[]>('/api/departments'),
  })
}

function useDepartmentMutation<V>(mutationFn: (variables: V) => Promise<DepartmentResponse>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      // Membership is also shown on users and on the signed-in user's home page.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.departments }),
        queryClient.invalidateQueries({ queryKey: queryKeys.users }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ])
    },
  })
}

export const useCreateDepartment = () =>
  useDepartmentMutation((request: SaveDepartmentRequest) =>
    api.post<DepartmentResponse>('/api/departments', request),
  )

export const useUpdateDepartment = () =>
  useDepartmentMutation(({ id, request }: { id: number; request: SaveDepartmentRequest }) =>
    api.put<DepartmentResponse>(`/api/departments/${id}`, request),
  )

export const useSetDepartmentActive = () =>
  useDepartmentMutation(({ id, active }: { id: number; active: boolean }) =>
    api.post<DepartmentResponse>(`/api/departments/${id}/${active ? 'reactivate' : 'inactivate'}`),
  )

export const useUpdateMembers = () =>
  useDepartmentMutation(({ id, request }: { id: number; request: UpdateMembersRequest }) =>
    api.put<DepartmentResponse>(`/api/departments/${id}/members`, request),
  )
