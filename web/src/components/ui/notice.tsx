import type { ReactNode } from 'react'

/** A polite success or information message. */
export function Notice({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'info' }) {
  if (!children) return null
  return (
    <div role="status" className={`alert alert-${tone}`}>
      {children}
    </div>
  )
}
