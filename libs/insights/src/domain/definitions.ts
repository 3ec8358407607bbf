/**
 * One written definition per metric. The OpenAPI descriptions are built from these strings, and docs/metrics.md
 * says the same in longer form; change both together.
 */
export const PERIOD_RULE =
  'Period: whole UTC days, [from, to). from = a date, or the start of the UTC day of a date-time; to = the end of a ' +
  'given date (inclusive), a date-time at 00:00Z exactly, or the end of the UTC day of any other date-time. Without ' +
  'from the period starts at the first event; without to it runs until the last refresh.';

export const FILTER_RULE =
  'Filters ambition, horizon and ownerId select initiatives by their current values of those fields (the whole ' +
  'history of an initiative follows its current ambition, horizon and owner).';

export const FRESHNESS_RULE =
  'Figures come from the read model as of refreshedAt: a refresh starts about a second after any stage change, new ' +
  'initiative, gate review requested or decided, or handover verdict, and takes from milliseconds (small portfolios) ' +
  'to about half a minute (a quarter of a million initiatives); every portfolio is refreshed at least hourly.';

export const METRIC_DEFINITIONS = {
  funnelCurrent:
    'funnel.current: initiatives in the stage at the end of the period. An initiative is in a stage while that is its ' +
    'stage and it is not killed (on hold counts; handed over counts in in_operation). Equals, per stage, all inflow ' +
    'minus all outflow up to the end of the period, so the funnel always reconciles with the history.',
  funnelInflow:
    'funnel.inflow: history events in the period that bring an initiative into the stage (creation into its first ' +
    'stage, a Go or Conditional Go from the previous stage, a rejected handover back to develop, an accepted handover ' +
    'into in_operation).',
  funnelOutflow:
    'funnel.outflow: history events in the period that take an initiative out of the stage: onwards, back, or ' +
    'killed in it. Hold and recycle keep it in the stage.',
  gates:
    'gates: gate decisions (history events of kind decision) taken in the period at G1, G2, G3. conversionRate = ' +
    '(go + conditionalGo) / decisions; killRate, recycleRate, holdRate = kill, recycle, hold / decisions; rates are ' +
    '0–1 to four decimals, null when decisions = 0. Every decision counts, so an initiative recycled twice counts three times.',
  cycleTimes:
    'cycleTimes: a passage through a stage lasts from the history event that brought the initiative into the stage to ' +
    'the next one that brought it into another stage (consecutive stage entries). Passages that ended in the period ' +
    'count; stays that ended in a kill or have not ended do not. medianDays and p85Days are nearest-rank percentiles ' +
    '(the 50th and 85th; always a real passage) in days to two decimals; samples = passages counted. in_operation is ' +
    'never left, so it has no cycle time.',
  balance:
    'balance: initiatives in the pipeline (in explore, experiment, develop or handover, not killed) at the end of the ' +
    'period, counted by ambition and by horizon; share = count / all counted (0–1, four decimals, 0 when none); ' +
    "target = the portfolio's target share (its percent / 100).",
  ecvRanking:
    'ecvRanking: expected commercial value, ECV = ((NPV × Pcs − C) × Pts) − D, to the cent, of the active initiatives ' +
    '(status active) that have all five estimates, highest first (ties by id); the top 20. Current state: the period does not apply.',
  bubbles:
    'bubbles: risk × reward of the active initiatives with all five estimates: probability = Pcs × Pts, ecv, ' +
    'remainingCost = D, ambition. The 200 with the largest remaining development cost (the biggest bets), ties by id. ' +
    'Current state: the period does not apply.',
  zombies:
    'zombies: open gate reviews (scoring or awaiting a decision) whose decision deadline has passed at the time of ' +
    'the request without a decision; longest overdue first, up to 100 (the CSV lists all). Current state: the period does not apply.',
  learning:
    'learning: velocity = the mean, over the initiatives with a learning roll-up, of their learning velocity ' +
    '(assumptions resolved, validated or invalidated, per 30 days since the initiative was created); costPerLearning = ' +
    'the mean, over the initiatives that have one, of their experiment cost / learnings. Both to two decimals, null ' +
    'when no initiative counts. Roll-ups are per initiative over its life: the period does not apply.',
  handover:
    'handover: decided = handover packages accepted, accepted with conditions or rejected in the period (by decided_at); ' +
    'accepted = those accepted or accepted with conditions; acceptanceRate = accepted / decided (0–1, four decimals, ' +
    'null when none). medianTimeToControlledHours = nearest-rank median, in hours to two decimals, of the time from ' +
    'the final Go (the decision of the G3 review that assembled the package) until the package became controlled ' +
    '(documents effective, training done), over packages that became controlled in the period; ' +
    'medianTimeToControlledSeconds = the same median in whole seconds.',
  operations:
    'operations (operations feed innovation, ISO 56001 8.3.2): newInitiatives = initiatives created in the period (by ' +
    'their UTC creation day); fromOperations = those of them operations raised (they have an origin: a ' +
    'nonconformity, customer complaint, audit observation or management review); share = fromOperations / ' +
    'newInitiatives (0–1, four decimals, null when none); medianDaysToFirstDecision = nearest-rank median, in days to ' +
    'two decimals, of the time from creation to the first gate decision, over those fromOperations that have had one ' +
    '(decided counts them; null when none).',
} as const;

export const INITIATIVES_RULE =
  'The initiatives behind a chart, from the read model: stage and status are current values; gate and decision select ' +
  'initiatives that received that decision at that gate (gate alone: any decision there; decision alone: at any gate); ' +
  'entered and left select initiatives with a movement into or out of that stage (funnel inflow and outflow), passed ' +
  'those with a passage through it that ended (cycle time samples), handover those whose package got that verdict; ' +
  'each of these within from/to when given, and together they must all hold. Highest ECV first (no ECV last), ties by id; at most limit (default 100, up to 1000).';
