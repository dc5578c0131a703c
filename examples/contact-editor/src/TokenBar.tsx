import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';

interface TokenBarProps {
  token: string;
  /** The gateway answered `UNAUTHENTICATED` for the current token. */
  refused: boolean;
  onUseToken: (token: string) => void;
}

/** The bearer token sent to the gateway: the demo user's by default, or one pasted here. */
export function TokenBar({ token, refused, onUseToken }: TokenBarProps) {
  const [draft, setDraft] = useState(token);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    if (refused) input.current?.focus();
  }, [refused]);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onUseToken(draft);
  };
  return (
    <form className="token-bar" onSubmit={submit} aria-label="Access token">
      <label htmlFor={`${id}-token`}>Bearer token</label>
      <input
        id={`${id}-token`}
        ref={input}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={draft}
        aria-invalid={refused}
        aria-describedby={refused ? `${id}-refused` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
      />
      <button type="submit">Use token</button>
      {refused && (
        <p id={`${id}-refused`} role="alert" className="error">
          The gateway refused this token (UNAUTHENTICATED). Paste a valid bearer token and choose
          “Use token”.
        </p>
      )}
    </form>
  );
}
