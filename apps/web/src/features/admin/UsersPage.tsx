import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ROLE_LABELS, type Role } from '../../app/session';
import { TextField } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { RequireRole } from '../../ui/RequireRole';

const USERS_KEY = ['admin-users'] as const;
const ROLES = Object.keys(ROLE_LABELS) as Role[];

export function UsersPage() {
  return (
    <RequireRole roles={['admin']}>
      <Users />
    </RequireRole>
  );
}

/** Users and their roles; the API refuses to remove the last admin, and says so here. */
function Users() {
  const client = useQueryClient();
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => unwrap(api.GET('/api/admin/users')) });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: { roles?: Role[]; active?: boolean } }) =>
      unwrap(api.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
  return (
    <section>
      <h1>Users and roles</h1>
      <ProblemMessage error={users.error ?? update.error} />
      <table className="data">
        <caption className="sr-only">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            {ROLES.map((r) => (
              <th key={r} scope="col">
                {ROLE_LABELS[r]}
              </th>
            ))}
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              {ROLES.map((r) => (
                <td key={r}>
                  <input
                    type="checkbox"
                    aria-label={`${u.displayName}: ${ROLE_LABELS[r]}`}
                    checked={u.roles.includes(r)}
                    onChange={(e) =>
                      update.mutate({
                        id: u.id,
                        body: { roles: e.target.checked ? [...u.roles, r] : u.roles.filter((x) => x !== r) },
                      })
                    }
                  />
                </td>
              ))}
              <td>
                <input
                  type="checkbox"
                  aria-label={`${u.displayName}: active`}
                  checked={u.active}
                  onChange={(e) => update.mutate({ id: u.id, body: { active: e.target.checked } })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewUser />
    </section>
  );
}

function NewUser() {
  const client = useQueryClient();
  const [form, setForm] = useState({ email: '', displayName: '', password: '', roles: ['innovation_lead'] as Role[] });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/admin/users', { body: form })),
    onSuccess: () => {
      setForm({ email: '', displayName: '', password: '', roles: ['innovation_lead'] });
      void client.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-user">
      <h2 id="new-user">New user</h2>
      <div className="row-form">
        <TextField
          label="Email"
          name="email"
          type="email"
          required
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
          error={create.error}
        />
        <TextField
          label="Name"
          name="displayName"
          required
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          error={create.error}
        />
        <TextField
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={create.error}
        />
      </div>
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={form.roles.includes(r)}
              onChange={(e) =>
                setForm({ ...form, roles: e.target.checked ? [...form.roles, r] : form.roles.filter((x) => x !== r) })
              }
            />{' '}
            {ROLE_LABELS[r]}
          </label>
        ))}
      </fieldset>
      <ProblemMessage error={create.error} />
      <button type="submit" disabled={create.isPending}>
        Create user
      </button>
    </form>
  );
}
