import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMe } from '../app/session';
import { ProblemMessage } from './ProblemMessage';

/**
 * An electronic signature: says who signs, with what meaning, and the hash of exactly what is signed, then asks for
 * the password again. The password goes with the request that signs and is not kept.
 */
export function SignatureDialog({
  meaning,
  subject,
  contentHash,
  onSign,
  onClose,
  error,
  pending,
  children,
}: {
  meaning: string;
  subject: string;
  contentHash: string | null;
  onSign: (password: string) => void;
  onClose: () => void;
  error: unknown;
  pending: boolean;
  children?: ReactNode;
}) {
  const me = useMe();
  const dialog = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSign(password);
  };
  return (
    <dialog ref={dialog} className="signature" aria-labelledby="sign-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="sign-title">Sign: {meaning}</h2>
        <dl className="facts">
          <div>
            <dt>Signer</dt>
            <dd>
              {me.displayName} ({me.email})
            </dd>
          </div>
          <div>
            <dt>Meaning</dt>
            <dd>{meaning}</dd>
          </div>
          <div>
            <dt>What is signed</dt>
            <dd>{subject}</dd>
          </div>
          {contentHash !== null && (
            <div>
              <dt>Its SHA-256</dt>
              <dd>
                <code>{contentHash}</code>
              </dd>
            </div>
          )}
        </dl>
        {children}
        <div className="field">
          <label htmlFor="signing-password">Your password, to sign</label>
          <input
            id="signing-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ProblemMessage error={error} />
        <div className="actions">
          <button type="submit" disabled={pending}>
            Sign
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
