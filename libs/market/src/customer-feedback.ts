import { actorOf, Principal } from '@ambidex/identity';
import { AuditTrail, returnedId, TransactionRunner } from '@ambidex/platform';
import { Injectable } from '@nestjs/common';
import { FieldProblem } from '@ambidex/platform/errors';
import { monthOf } from './domain/market-period';
import { FEEDBACK_CHANNELS, FEEDBACK_SENTIMENTS, FeedbackChannel, FeedbackSentiment } from './domain/market-rules';
import { InvalidMarketInputError } from './domain/market.errors';
import { ensureProduct } from './product-registration';

export interface FeedbackInput {
  channel: FeedbackChannel;
  sentiment: FeedbackSentiment;
  text: string;
  /** The day it was received, YYYY-MM-DD; not in the future. */
  receivedOn: string;
}

/** Customer feedback on a product in operation (ISO 9001 9.1.2), recorded by anyone signed in. */
@Injectable()
export class CustomerFeedback {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditTrail,
  ) {}

  async record(principal: Principal, initiativeId: string, input: FeedbackInput): Promise<string> {
    const problems = feedbackProblems(input);
    if (problems.length > 0) throw new InvalidMarketInputError(problems);
    return this.tx.run(async (em) => {
      await ensureProduct(em, initiativeId);
      const id = returnedId(
        await em.query(
          `INSERT INTO market_feedback (initiative_id, channel, sentiment, text, received_on, recorded_by)
           VALUES ($1, $2, $3, $4, $5::date, $6) RETURNING id`,
          [initiativeId, input.channel, input.sentiment, input.text.trim(), input.receivedOn, principal.userId],
        ),
        'customer feedback',
      );
      await this.audit.append(em, {
        actor: actorOf(principal),
        action: 'market.feedback-recorded',
        entityType: 'customer_feedback',
        entityId: id,
        chainKey: `market:${initiativeId}`,
        after: { ...input, initiativeId },
      });
      return id;
    });
  }
}

function feedbackProblems(input: FeedbackInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(FEEDBACK_CHANNELS as readonly string[]).includes(input.channel))
    problems.push({ field: 'channel', reason: `one of ${FEEDBACK_CHANNELS.join(', ')}` });
  if (!(FEEDBACK_SENTIMENTS as readonly string[]).includes(input.sentiment))
    problems.push({ field: 'sentiment', reason: `one of ${FEEDBACK_SENTIMENTS.join(', ')}` });
  if (typeof input.text !== 'string' || input.text.trim().length < 3)
    problems.push({ field: 'text', reason: 'say what the customer said (3 characters at least)' });
  const day = /^\d{4}-\d{2}-\d{2}$/.test(input.receivedOn) ? monthOf(input.receivedOn) : null;
  if (day === null) problems.push({ field: 'receivedOn', reason: 'a day, YYYY-MM-DD' });
  else if (input.receivedOn > new Date().toISOString().slice(0, 10))
    problems.push({ field: 'receivedOn', reason: 'feedback is received on a day that has come' });
  return problems;
}
