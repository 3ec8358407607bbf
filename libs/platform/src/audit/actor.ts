/** Who did something: a signed-in user, an API token's owner, or the system itself (jobs, seeds). */
export interface Actor {
  userId: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system' };
