import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reviewsDueUnnotified } from './market-rows';
import { PostLaunchReviews } from './post-launch-reviews';

const BATCH = 200;

/**
 * Keeps the post-launch reviews alive: one due and never notified (its delayed job lost with Redis, or never queued)
 * is notified here. notifyDue's guard makes the job and the sweep notify once between them.
 */
@Injectable()
export class MarketSweeper {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reviews: PostLaunchReviews,
  ) {}

  async sweep(): Promise<number> {
    let notified = 0;
    for (const review of await reviewsDueUnnotified(this.dataSource.manager, BATCH))
      if (await this.reviews.notifyDue(review.id)) notified++;
    return notified;
  }
}
