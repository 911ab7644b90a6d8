/**
 * Unsent text per chat, kept in this browser (localStorage) so switching chats or reloading does
 * not lose it. Scoped by user: a shared computer does not show one agent's draft to another.
 */
const key = (userId: number, chatId: number) => `conversa.draft.${userId}.${chatId}`

export function readDraft(userId: number, chatId: number): string {
  try {
    return localStorage.getItem(key(userId, chatId)) ?? ''
  } catch {
    return ''
  }
}

export function writeDraft(userId: number, chatId: number, text: string) {
  try {
    if (text) localStorage.setItem(key(userId, chatId), text)
    else localStorage.removeItem(key(userId, chatId))
  } catch {
    // storage full or disabled: the draft lives only while the chat stays open
  }
}
