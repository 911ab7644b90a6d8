import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react'

interface DialogProps {
  title: string
  onClose: () => void
  children: ReactNode
  /** Buttons at the bottom; inside the form when `onSubmit` is given. */
  footer: ReactNode
  onSubmit?: () => void
  wide?: boolean
}

/** A modal dialog (native <dialog> opened with showModal: focus trap, Escape, top layer). Mount it to open it. */
export function Dialog({ title, onClose, children, footer, onSubmit, wide }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit?.()
  }

  const content = (
    <>
      <div className="dialog-body">{children}</div>
      <div className="dialog-footer">{footer}</div>
    </>
  )

  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-labelledby={titleId}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {onSubmit ? (
        <form noValidate onSubmit={submit}>
          {content}
        </form>
      ) : (
        content
      )}
    </dialog>
  )
}
