/** Someone acting on an initiative: a signed-in principal, or the submitter of a batch. */
export interface InitiativeActor {
  userId: string;
  roles: readonly string[];
}

/**
 * The one rule for changing what belongs to an initiative (its record, team, reviews, conditions): its owner may, and
 * so may an admin. Team members are not owners; the contexts that let them write add that themselves.
 */
export function ownsOrAdministers(actor: InitiativeActor, initiative: { ownerId: string }): boolean {
  return initiative.ownerId === actor.userId || actor.roles.includes('admin');
}
