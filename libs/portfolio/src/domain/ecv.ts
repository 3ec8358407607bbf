/**
 * Expected commercial value, after Cooper's Stage-Gate practice:
 *   ECV = ((NPV × Pcs − C) × Pts) − D
 * Pcs: probability of commercial success; Pts: probability of technical success; C: commercialization cost;
 * D: remaining development cost. Null when any input is missing: a partial figure would rank initiatives wrongly.
 */
export interface EcvInputs {
  npv: number | null;
  probabilityCommercial: number | null;
  probabilityTechnical: number | null;
  commercializationCost: number | null;
  remainingDevelopmentCost: number | null;
}

export function expectedCommercialValue(inputs: EcvInputs): number | null {
  const {
    npv,
    probabilityCommercial: pcs,
    probabilityTechnical: pts,
    commercializationCost: c,
    remainingDevelopmentCost: d,
  } = inputs;
  if (npv === null || pcs === null || pts === null || c === null || d === null) return null;
  const ecv = (npv * pcs - c) * pts - d;
  // Money is kept to the cent (numeric(16,2)); rounding also removes floating-point dust such as 1e-10.
  return Math.round(ecv * 100) / 100 + 0;
}
