/** A row of `audit_chain_heads`: how far a chain goes and the hash of its last entry. */
export interface ChainHeadRow {
  chain_key: string;
  seq: number;
  hash: string;
}

export interface ChainHead {
  chainKey: string;
  seq: number;
  hash: string;
}

export function chainHeadOf(row: ChainHeadRow): ChainHead {
  return { chainKey: row.chain_key, seq: row.seq, hash: row.hash };
}

/** An entry named by its chain and place in it (`audit_entries.chain_key`, `.seq`). */
export interface ChainSeqRow {
  chain_key: string;
  seq: number;
}
