import { userContacts } from '@ambidex/identity';
import { APP_CONFIG, AppConfig } from '@ambidex/platform';
import { initiativeSummary } from '@ambidex/portfolio';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProductNotFoundError } from './domain/market.errors';
import { MarketFigures, marketFiguresForPeriod, MarketPeriodQuery, ProductFigures } from './market-figures-reader';
import {
  FeedbackRecord,
  feedbackOfNonconformity,
  feedbackOfProduct,
  findProduct,
  loadFeedback,
  MonthValueRecord,
  PostLaunchReviewRecord,
  reviewsOfProduct,
  valuesOfProduct,
} from './market-rows';

/** One product's market page: value by month, forecast against realised, feedback and post-launch reviews. */
export interface ProductMarketView {
  initiativeId: string;
  title: string;
  ownerId: string;
  /** Whether the product is registered (handed over); false for one in operation with nothing recorded yet. */
  registered: boolean;
  handedOverAt: Date | null;
  values: MonthValueRecord[];
  figures: ProductFigures | null;
  feedback: FeedbackRecord[];
  reviews: PostLaunchReviewRecord[];
  people: { id: string; displayName: string }[];
}

@Injectable()
export class MarketQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The summary with the configured reinvestment rate. */
  summary(query: Omit<MarketPeriodQuery, 'reinvestmentPercent'>): Promise<MarketFigures> {
    return marketFiguresForPeriod(this.dataSource.manager, {
      ...query,
      reinvestmentPercent: this.config.market.reinvestmentPercent,
    });
  }

  async product(initiativeId: string): Promise<ProductMarketView> {
    const em = this.dataSource.manager;
    const initiative = await initiativeSummary(em, initiativeId);
    if (initiative === null) throw new ProductNotFoundError(initiativeId);
    const product = await findProduct(em, initiativeId);
    const values = await valuesOfProduct(em, initiativeId);
    const feedback = await feedbackOfProduct(em, initiativeId);
    const reviews = await reviewsOfProduct(em, initiativeId);
    let figures: ProductFigures | null = null;
    if (product !== null) {
      const month = new Date().toISOString().slice(0, 7);
      const all = await marketFiguresForPeriod(em, {
        from: product.handedOverAt.toISOString().slice(0, 7),
        to:
          month < product.handedOverAt.toISOString().slice(0, 7)
            ? product.handedOverAt.toISOString().slice(0, 7)
            : month,
        portfolioId: initiative.portfolioId,
        reinvestmentPercent: this.config.market.reinvestmentPercent,
      });
      figures = all.products.find((p) => p.initiativeId === initiativeId) ?? null;
    }
    const named = [
      ...values.map((v) => v.enteredBy),
      ...feedback.map((f) => f.recordedBy),
      ...reviews.map((r) => r.recordedBy).filter((id): id is string => id !== null),
    ];
    const contacts = await userContacts(em, named);
    return {
      initiativeId,
      title: initiative.title,
      ownerId: initiative.ownerId,
      registered: product !== null,
      handedOverAt: product?.handedOverAt ?? null,
      values,
      figures,
      feedback,
      reviews,
      people: [...contacts.values()].map((c) => ({ id: c.id, displayName: c.displayName })),
    };
  }

  /** One piece of feedback with its product's title (the origin of an opportunity links here). */
  async feedback(id: string): Promise<FeedbackRecord & { productTitle: string }> {
    const em = this.dataSource.manager;
    const record = await loadFeedback(em, id);
    return { ...record, productTitle: (await initiativeSummary(em, record.initiativeId))?.title ?? '' };
  }

  /** The feedback that raised a nonconformity: the NC's side of the link. */
  feedbackOfNonconformity(nonconformityId: string): Promise<FeedbackRecord[]> {
    return feedbackOfNonconformity(this.dataSource.manager, nonconformityId);
  }
}
