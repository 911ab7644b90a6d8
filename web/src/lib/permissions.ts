/** Permission codes of the contract, by group, in display order. Labels live in the i18n resources. */
export const PERMISSION_GROUPS: ReadonlyArray<{ group: string; codes: readonly string[] }> = [
  { group: 'administration', codes: ['users.manage', 'roles.manage', 'departments.manage', 'settings.global'] },
  { group: 'monitoring', codes: ['audit.view', 'events.view'] },
  { group: 'dashboard', codes: ['dashboard.global', 'dashboard.department'] },
  {
    group: 'chats',
    codes: ['chats.read', 'chats.view.all', 'chats.view.department', 'chats.assign', 'messages.send', 'quick_replies.manage'],
  },
  { group: 'transfers', codes: ['transfers.request', 'transfers.approve'] },
  { group: 'connections', codes: ['connections.view', 'connections.reconnect', 'connections.manage'] },
  { group: 'tags', codes: ['tags.manage'] },
  { group: 'contacts', codes: ['contacts.read', 'contacts.view.all', 'contacts.create', 'contacts.manage', 'contacts.edit_sensitive'] },
]

/** Groups the given codes in display order; codes unknown to this client go to an "other" group. */
export function groupPermissions(codes: readonly string[]): Array<{ group: string; codes: string[] }> {
  const known = new Set(PERMISSION_GROUPS.flatMap((entry) => entry.codes))
  const groups = PERMISSION_GROUPS.map(({ group, codes: groupCodes }) => ({
    group,
    codes: groupCodes.filter((code) => codes.includes(code)),
  }))
  groups.push({ group: 'other', codes: codes.filter((code) => !known.has(code)) })
  return groups.filter((entry) => entry.codes.length > 0)
}
