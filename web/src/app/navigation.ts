/** The sections of the app, in menu order; `permission` hides the item and guards the route. */
export const SECTIONS = [
  { path: '/', label: 'nav.home', permission: null },
  { path: '/inbox', label: 'nav.inbox', permission: null },
  { path: '/contacts', label: 'nav.contacts', permission: null },
  { path: '/connections', label: 'nav.connections', permission: 'connections.view' },
  { path: '/users', label: 'nav.users', permission: 'users.manage' },
  { path: '/roles', label: 'nav.roles', permission: 'roles.manage' },
  { path: '/departments', label: 'nav.departments', permission: 'departments.manage' },
  { path: '/audit', label: 'nav.audit', permission: 'audit.view' },
  { path: '/events', label: 'nav.events', permission: 'events.view' },
  { path: '/account', label: 'nav.account', permission: null },
] as const

export type Section = (typeof SECTIONS)[number]
