/** A person who could score or chair a review, with how busy they are. */
export interface PanelCandidate {
  id: string;
  /** Open reviews (requested, scoring, awaiting a decision) they already hold in this capacity. */
  openLoad: number;
  /** When they were last given a review in this capacity; null if never. */
  lastAssignedAt: Date | null;
  /** Every review they were ever given in this capacity: settles people assigned together, hence at the same time. */
  assignedTotal: number;
}

export interface PanelRequest {
  ownerId: string;
  needed: number;
  gatekeepers: PanelCandidate[];
  /** Loads here count chairing, not scoring. */
  chairs: PanelCandidate[];
}

export type Panel = { gatekeeperIds: string[]; chairId: string; problem: null } | { problem: string };

/**
 * Least open load first, then the one who waited longest since their last assignment (never assigned first), then
 * the fewest reviews ever (a panel is assigned at one instant), then the id, only so the order is total. Reviews usually close before the next opens, so open load alone ties and the
 * id used to decide every time: the same people got every review.
 */
export function byLoad(a: PanelCandidate, b: PanelCandidate): number {
  if (a.openLoad !== b.openLoad) return a.openLoad - b.openLoad;
  const aTime = a.lastAssignedAt?.getTime() ?? -Infinity;
  const bTime = b.lastAssignedAt?.getTime() ?? -Infinity;
  if (aTime !== bTime) return aTime < bTime ? -1 : 1;
  if (a.assignedTotal !== b.assignedTotal) return a.assignedTotal - b.assignedTotal;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Who scores a review and who chairs it. Never the owner. The chair is preferably not one of the scorers: a chair
 * who could be left out of scoring (enough other gatekeepers remain) is preferred over a less loaded one who could
 * not; scoring goes to the least loaded of the rest.
 */
export function selectReviewPanel(request: PanelRequest): Panel {
  const gatekeepers = request.gatekeepers.filter((c) => c.id !== request.ownerId).sort(byLoad);
  const chairs = request.chairs.filter((c) => c.id !== request.ownerId).sort(byLoad);
  if (gatekeepers.length < request.needed) {
    return {
      problem: `the gate needs ${request.needed} gatekeepers other than the owner; ${gatekeepers.length} are available`,
    };
  }
  const chair = chairs.find((c) => gatekeepers.filter((g) => g.id !== c.id).length >= request.needed) ?? chairs[0];
  if (chair === undefined)
    return { problem: 'no gate chair is available: a leadership user other than the owner is needed' };
  const others = gatekeepers.filter((g) => g.id !== chair.id);
  const scorers =
    others.length >= request.needed ? others.slice(0, request.needed) : gatekeepers.slice(0, request.needed);
  return { gatekeeperIds: scorers.map((g) => g.id), chairId: chair.id, problem: null };
}
