import type { QueryClient } from '@tanstack/react-query'

/** Query keys shared across features: a change in one feature refreshes what another shows. */
export const queryKeys = {
  publicInfo: ['public', 'info'] as const,
  users: ['users'] as const,
  departments: ['departments'] as const,
  connections: ['connections'] as const,
}

/** Forgets everything fetched for a signed-in user (keeps public data such as the demo flag). */
export function clearPrivateQueries(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.publicInfo[0] })
}
