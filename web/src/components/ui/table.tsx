import type { ReactNode } from 'react'

/** A real <table> in a horizontally scrollable frame; `caption` names it for assistive technology. */
export function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
    </div>
  )
}

/** A single full-width row for "no results" or "loading". */
export function TableMessageRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="table-message">
        {children}
      </td>
    </tr>
  )
}
