import { useState } from 'react'

/**
 * Which dialog a list page has open and the notice it shows after a change: opening a dialog
 * clears the notice, closing one runs {@code onClose} (e.g. resetting a mutation's error), and a
 * finished change closes the dialog and shows its message.
 */
export function usePageDialogs<Open>(onClose: () => void = () => {}) {
  const [open, setOpen] = useState<Open | null>(null)
  const [notice, setNotice] = useState('')
  return {
    open,
    notice,
    show: (next: Open) => {
      setNotice('')
      setOpen(next)
    },
    close: () => {
      setOpen(null)
      onClose()
    },
    done: (message: string) => {
      setOpen(null)
      setNotice(message)
    },
  }
}
