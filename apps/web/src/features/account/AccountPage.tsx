import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ROLE_LABELS, useMe } from '../../app/session';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';

const TOKENS_KEY = ['api-tokens'] as const;

/** Who I am, and my personal API tokens for scripts: a new token is shown once, then only its name. */
export function AccountPage() {
  const me = useMe();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => unwrap(api.GET('/api/me/api-tokens')) });
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/me/api-tokens', { body: { name } })),
    onSuccess: (created) => {
      setShown(created.token);
      setName('');
      void client.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/me/api-tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>Account</h1>
      <p>
        {me.displayName} · {me.email} · {me.roles.map((r) => ROLE_LABELS[r]).join(', ')}
      </p>
      <section className="panel" aria-labelledby="tokens">
        <h2 id="tokens">Personal API tokens</h2>
        <form onSubmit={submit} className="inline-form">
          <TextField
            label="Token name"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={create.error}
            required
          />
          <button type="submit" disabled={create.isPending}>
            Create token
          </button>
        </form>
        <ProblemMessage error={create.error ?? revoke.error ?? tokens.error} />
        {shown !== null && (
          <p className="notice" role="status">
            Copy it now, it is not shown again: <code>{shown}</code>
          </p>
        )}
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data?.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{new Date(t.createdAt).toLocaleDateString()}</td>
                <td>{t.lastUsedAt === null ? 'never' : new Date(t.lastUsedAt).toLocaleString()}</td>
                <td>{t.revokedAt === null ? 'active' : 'revoked'}</td>
                <td>
                  {t.revokedAt === null && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => revoke.mutate(t.id)}
                      aria-label={`Revoke ${t.name}`}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
