import { createBrowserRouter } from 'react-router'
import { ClientPage, ContactPage, ContactPanel } from '../features/contacts/components/contact-details'
import { ContactsPage } from '../features/contacts/components/contacts-page'
import { InboxPage } from '../features/inbox/components/inbox-page'
import { PhonePage } from '../features/phone/phone-page'
import { AuditLogPage } from '../features/audit/components/audit-log-page'
import { CriticalEventsPage } from '../features/events/components/critical-events-page'
import { RolesPage } from '../features/roles/components/roles-page'
import { setApiEventHandlers } from '../lib/api'
import { meQueryKey } from '../lib/auth'
import { queryClient } from '../lib/query-client'
import { clearPrivateQueries } from '../lib/query-keys'
import type { MeResponse } from '../types/api'
import { AuthenticatedLayout } from './authenticated-layout'
import { RequirePermission } from './require-permission'
import { AccountRoute } from './routes/account'
import { ConnectionsRoute } from './routes/connections'
import { DepartmentsRoute } from './routes/departments'
import { HomeRoute } from './routes/home'
import { LoginRoute } from './routes/login'
import { NotFoundRoute } from './routes/not-found'
import { RouteError } from './routes/route-error'
import { UsersRoute } from './routes/users'
import type { LoginState } from './use-end-session'

/** The inbox shows the contacts feature's panel beside a chat; the app composes the two features. */
const contactPanel = (contactId: number) => <ContactPanel contactId={contactId} />

export const router = createBrowserRouter([
  { path: '/login', element: <LoginRoute />, errorElement: <RouteError /> },
  // the sandbox's customer phone (demo mode): no sign-in, it plays the customers
  { path: '/phone', element: <PhonePage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AuthenticatedLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'inbox', element: <InboxPage contactPanel={contactPanel} /> },
      { path: 'inbox/:chatId', element: <InboxPage contactPanel={contactPanel} /> },
      { path: 'contacts', element: <ContactsPage /> },
      { path: 'contacts/:contactId', element: <ContactPage /> },
      { path: 'clients/:clientId', element: <ClientPage /> },
      {
        path: 'connections',
        element: <RequirePermission permission="connections.view"><ConnectionsRoute /></RequirePermission>,
      },
      { path: 'users', element: <RequirePermission permission="users.manage"><UsersRoute /></RequirePermission> },
      { path: 'roles', element: <RequirePermission permission="roles.manage"><RolesPage /></RequirePermission> },
      {
        path: 'departments',
        element: <RequirePermission permission="departments.manage"><DepartmentsRoute /></RequirePermission>,
      },
      { path: 'audit', element: <RequirePermission permission="audit.view"><AuditLogPage /></RequirePermission> },
      {
        path: 'events',
        element: <RequirePermission permission="events.view"><CriticalEventsPage /></RequirePermission>,
      },
      { path: 'account', element: <AccountRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
])

setApiEventHandlers({
  onUnauthorized: () => {
    const { pathname, search } = router.state.location
    if (pathname === '/login') return
    const hadUser = queryClient.getQueryData(meQueryKey) !== undefined
    const state: LoginState = { notice: hadUser ? 'sessionEnded' : undefined, from: pathname + search }
    void router.navigate('/login', { replace: true, state }).then(() => clearPrivateQueries(queryClient))
  },
  onPasswordChangeRequired: () =>
    queryClient.setQueryData<MeResponse>(meQueryKey, (me) => me && { ...me, mustChangePassword: true }),
})
