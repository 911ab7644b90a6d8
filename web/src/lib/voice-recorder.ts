import { useRef, useState } from 'react'

/** The best container the browser records voice in: OGG/Opus where it can (WhatsApp's format), else WebM/Opus (the server converts it). */
function recordingType(): string {
  for (const type of ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus', 'audio/webm']) {
    if (typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type)) return type
  }
  return ''
}

export function useVoiceRecorder(onDone: (recording: Blob, type: string) => void) {
  const recorder = useRef<MediaRecorder | null>(null)
  const [recording, setRecording] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function start() {
    setError(null)
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true })
      const type = recordingType()
      const media = new MediaRecorder(stream, type ? { mimeType: type } : undefined)
      const chunks: Blob[] = []
      media.ondataavailable = (event) => chunks.push(event.data)
      media.onstop = () => {
        stream.getTracks().forEach((track) => track.stop())
        const mime = (media.mimeType || type || 'audio/webm').split(';')[0] ?? 'audio/webm'
        onDone(new Blob(chunks, { type: mime }), mime)
      }
      media.start()
      recorder.current = media
      setRecording(true)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  function stop() {
    recorder.current?.stop()
    recorder.current = null
    setRecording(false)
  }

  return { recording, error, start, stop }
}
