import type { components } from '../../api/schema';
import { stageEventActor, stageEventTitle } from './history-labels';

type StageEvent = components['schemas']['StageEventDto'];

const event = (over: Partial<StageEvent>): StageEvent => ({
  seq: 2,
  kind: 'decision',
  fromStage: 'explore',
  fromStatus: 'active',
  toStage: 'experiment',
  toStatus: 'active',
  gate: 'G1',
  decision: 'conditional_go',
  reviewId: null,
  actorId: '00000000-0000-4000-8000-000000000001',
  actorLabel: 'chair@example.test',
  actorName: 'Chris Chair',
  reason: null,
  occurredAt: '2026-12-01T10:00:00Z',
  ...over,
});

describe('stage history lines', () => {
  it('writes a decision with its label and the stage and status it led to', () => {
    expect(stageEventTitle(event({}))).toBe('G1 Conditional Go → Experiment (Active)');
  });

  it('writes the other kinds as words', () => {
    expect(
      stageEventTitle(
        event({ kind: 'created', fromStage: null, fromStatus: null, toStage: 'explore', gate: null, decision: null }),
      ),
    ).toBe('Created in Explore');
    expect(
      stageEventTitle(
        event({
          kind: 'handover_accepted',
          fromStage: 'handover',
          toStage: 'in_operation',
          toStatus: 'handed_over',
          gate: null,
          decision: null,
        }),
      ),
    ).toBe('Handover accepted → In operation (Handed over)');
  });

  it('names the actor by display name, falls back to the audit label, and says when the system acted', () => {
    expect(stageEventActor(event({}))).toBe('Chris Chair');
    expect(stageEventActor(event({ actorName: null }))).toBe('chair@example.test');
    expect(stageEventActor(event({ actorId: null, actorName: null, actorLabel: 'system' }))).toBe('the system');
  });
});
