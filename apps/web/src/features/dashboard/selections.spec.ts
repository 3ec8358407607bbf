import type { DashboardFilters } from './filters';
import {
  DRILLDOWN_LIMIT,
  drilldownQueries,
  mergeInitiatives,
  select,
  slicersText,
  type InsightInitiative,
} from './selections';

const FILTERS: DashboardFilters = {
  portfolio: 'p',
  from: '2026-01-01',
  to: '2026-03-31',
  ambition: 'core',
  horizon: '',
  ownerId: '',
};

const row = (id: string, title: string, ecv: number | null): InsightInitiative => ({
  id,
  title,
  ecv,
  stage: 'explore',
  status: 'active',
  ambition: 'core',
  horizon: 'H1',
});

describe('what a chart element stands for', () => {
  it('a funnel bar "now" is the stage with on-hold and handed-over ones, never killed ones', () => {
    const s = select.inStage('experiment');
    expect(s.title).toBe('In Experiment');
    expect(s.queries).toEqual([
      { stage: 'experiment', status: 'active' },
      { stage: 'experiment', status: 'on_hold' },
      { stage: 'experiment', status: 'handed_over' },
    ]);
    expect(s.period).toBe(false);
    expect(s.subtitle).toBe('Initiatives in Experiment now, on hold included, killed not.');
  });

  it('the stage whose name starts with "In" is not said twice', () => {
    const s = select.inStage('in_operation');
    expect(s.title).toBe('In operation');
    expect(s.subtitle).toBe('Initiatives in operation now, on hold included, killed not.');
  });

  it('a gate bar is the decisions it counts: conversion is go or conditional go', () => {
    const conversion = select.decided('G1', ['go', 'conditional_go']);
    expect(conversion.title).toBe('Go or conditional go at G1');
    expect(conversion.queries).toEqual([
      { gate: 'G1', decision: 'go' },
      { gate: 'G1', decision: 'conditional_go' },
    ]);
    expect(select.decided('G2', ['kill']).title).toBe('Kill at G2');
  });

  it('movements, passages and handovers are narrowed by the period; balance buckets are the pipeline now', () => {
    expect(select.entered('explore')).toMatchObject({
      title: 'Entered Explore',
      queries: [{ entered: 'explore' }],
      period: true,
    });
    expect(select.left('handover').queries).toEqual([{ left: 'handover' }]);
    expect(select.passed('develop').queries).toEqual([{ passed: 'develop' }]);
    expect(select.handoverDecided().queries).toEqual([{ handover: 'decided' }]);
    expect(select.bucket('ambition', 'transformational')).toMatchObject({
      title: 'Transformational ambition',
      queries: [
        { status: 'active', ambition: 'transformational' },
        { status: 'on_hold', ambition: 'transformational' },
      ],
      period: false,
    });
    expect(select.bucket('horizon', 'H2').queries[0]).toEqual({ status: 'active', horizon: 'H2' });
  });

  it('adds the dashboard filters and the list limit to every query', () => {
    expect(drilldownQueries(select.decided('G1', ['kill']), FILTERS)).toEqual([
      { from: '2026-01-01', to: '2026-03-31', ambition: 'core', gate: 'G1', decision: 'kill', limit: DRILLDOWN_LIMIT },
    ]);
  });

  it('lists each initiative once, highest ECV first and those without one last', () => {
    const merged = mergeInitiatives([
      [row('a', 'Alpha', 10), row('b', 'Beta', null)],
      [row('a', 'Alpha', 10), row('c', 'Gamma', 500), row('d', 'Delta', null)],
    ]);
    expect(merged.map((r) => r.title)).toEqual(['Gamma', 'Alpha', 'Beta', 'Delta']);
  });

  it('says which dashboard filters narrowed the list', () => {
    expect(slicersText(FILTERS, true)).toBe('Dashboard filters: period 1 Jan 2026 – 31 Mar 2026, ambition core.');
    expect(slicersText(FILTERS, false)).toBe('Dashboard filters: ambition core.');
    expect(slicersText({ ...FILTERS, ambition: '' }, false)).toBe('');
  });
});
