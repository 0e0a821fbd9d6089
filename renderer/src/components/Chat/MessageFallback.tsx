/** What a message shows if it could not be drawn: its text, plain, so nothing is lost or hidden. */
export function MessageFallback({ text }: { text: string }) {
  return (
    <article className="message message--fallback">
      <p className="message__status message__status--error">This message could not be shown formatted.</p>
      <pre className="message__plain">{text}</pre>
    </article>
  );
}
