import { useQuery, useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { NAV, shadowedOn } from './navigation';
import { hasRole, ME_KEY, ROLE_LABELS, signOut, useMe } from './session';

export const INBOX_KEY = ['inbox'] as const;

/** The open items of the signed-in user; the navigation shows their count. */
export function useInbox() {
  return useQuery({
    queryKey: INBOX_KEY,
    queryFn: () => unwrap(api.GET('/api/me/inbox')),
    refetchInterval: 60_000,
  });
}

export function Layout() {
  const me = useMe();
  const inbox = useInbox();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const open = inbox.data?.filter((i) => i.doneAt === null).length ?? 0;

  const leave = async () => {
    await signOut().catch(() => undefined);
    client.clear();
    client.setQueryData(ME_KEY, null);
    void navigate('/');
  };

  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Ambidex</span>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => item.roles === undefined || hasRole(me, item.roles)).map((item) => (
              <li key={item.to}>
                {item.outside === true ? (
                  <a href={item.to}>{item.label}</a>
                ) : (
                  <NavLink to={item.to} end={item.to === '/initiatives/new' || shadowedOn(item.to, pathname)}>
                    {item.label}
                    {item.to === '/inbox' && open > 0 && (
                      <span className="badge" aria-label={`${open} open items`}>
                        {open}
                      </span>
                    )}
                  </NavLink>
                )}
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {me.displayName} <small>({me.roles.map((r) => ROLE_LABELS[r]).join(', ')})</small>
          </span>
          <button type="button" onClick={() => void leave()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
