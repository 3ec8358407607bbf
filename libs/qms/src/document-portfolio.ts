import { portfolioOfInitiative } from '@ambidex/portfolio';
import { EntityManager } from 'typeorm';

/** The portfolio of the initiative a document came from, for its events; null for a document of no initiative. */
export async function documentPortfolio(em: EntityManager, documentId: string): Promise<string | null> {
  const [doc] = (await em.query(`SELECT origin_initiative_id FROM controlled_documents WHERE id = $1`, [
    documentId,
  ])) as { origin_initiative_id: string | null }[];
  const initiativeId = doc?.origin_initiative_id ?? null;
  return initiativeId === null ? null : portfolioOfInitiative(em, initiativeId);
}
