/** The browser's own locale when it speaks the UI language (es-EC, en-GB…), else the bare language. */
function localeFor(language: string): string {
  const match = navigator.languages.find((tag) => tag.toLowerCase().startsWith(language))
  return match ?? language
}

/** Date and time in the user's locale; `seconds` for logs, where the order of events matters. */
export function formatDateTime(iso: string, language: string, { seconds = true } = {}): string {
  return new Intl.DateTimeFormat(localeFor(language), {
    dateStyle: 'short',
    timeStyle: seconds ? 'medium' : 'short',
  }).format(new Date(iso))
}

/** Compact "key: value" text for a JSON object from the server (rendered as text, never HTML). */
export function formatDetails(details: Record<string, unknown> | null | undefined): string {
  if (!details) return ''
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ')
}

/** Start of the given local day (yyyy-mm-dd) as an ISO instant; `nextDay` gives the following midnight. */
export function localDayToInstant(day: string, nextDay = false): string | undefined {
  if (!day) return undefined
  const date = new Date(`${day}T00:00:00`)
  if (Number.isNaN(date.getTime())) return undefined
  if (nextDay) date.setDate(date.getDate() + 1)
  return date.toISOString()
}
