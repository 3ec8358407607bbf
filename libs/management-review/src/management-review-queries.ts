import { UserNames } from '@ambidex/identity';
import { ElectronicSignatures, SignatureView } from '@ambidex/qms';
import { portfolioTargets } from '@ambidex/portfolio';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ManagementReviewPack } from './domain/pack';
import { managementReviewSubject } from './management-review-subject';
import { managementReviewPdf } from './pdf-export';
import {
  actionsOfOwner,
  actionsOfReview,
  listReviews,
  loadPack,
  loadReview,
  ManagementReviewRecord,
  opportunitiesOfReview,
  ReviewActionRecord,
  ReviewOpportunityRecord,
} from './management-review-rows';

export interface ManagementReviewSummaryView extends ManagementReviewRecord {
  scheduledByName: string;
  /** The pack of the latest round is stored; false while its job runs. */
  packReady: boolean;
}

export interface ReviewActionView extends ReviewActionRecord {
  ownerName: string;
  overdue: boolean;
}

export interface MyReviewActionView extends ReviewActionView {
  reviewNumber: string;
  reviewMeetingOn: string;
}

export interface ManagementReviewView extends ManagementReviewSummaryView {
  pack: ManagementReviewPack | null;
  actions: ReviewActionView[];
  opportunities: ReviewOpportunityRecord[];
  signatures: SignatureView[];
}

const LIMIT = 200;

@Injectable()
export class ManagementReviewQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserNames,
    private readonly signatures: ElectronicSignatures,
  ) {}

  /** Reviews, the latest meeting first. */
  async list(): Promise<ManagementReviewSummaryView[]> {
    const reviews = await listReviews(this.dataSource.manager, LIMIT);
    const names = await this.users.names(reviews.map((r) => r.scheduledBy));
    return reviews.map((r) => summary(r, names));
  }

  /** The review as a PDF record, its scope named. */
  async pdf(id: string): Promise<{ number: string; content: Buffer }> {
    const review = await this.get(id);
    const scope =
      review.portfolioId === null ? null : await portfolioTargets(this.dataSource.manager, review.portfolioId);
    return { number: review.number, content: await managementReviewPdf(review, scope?.name ?? null) };
  }

  async get(id: string): Promise<ManagementReviewView> {
    const em = this.dataSource.manager;
    const review = await loadReview(em, id);
    const actions = await actionsOfReview(em, id);
    const opportunities = await opportunitiesOfReview(em, id);
    const names = await this.users.names([review.scheduledBy, ...actions.map((a) => a.ownerId)]);
    const signatures =
      review.status === 'signed'
        ? await this.signatures.of(managementReviewSubject(review, actions, opportunities))
        : [];
    return {
      ...summary(review, names),
      pack: await loadPack(em, id),
      actions: actions.map((a) => actionView(a, names)),
      opportunities,
      signatures,
    };
  }

  /** The caller's review actions, open ones first by due date. */
  async mine(userId: string): Promise<MyReviewActionView[]> {
    const em = this.dataSource.manager;
    const actions = await actionsOfOwner(em, userId, LIMIT);
    const names = await this.users.names([userId]);
    const reviews = new Map<string, ManagementReviewRecord>();
    for (const reviewId of new Set(actions.map((a) => a.reviewId)))
      reviews.set(reviewId, await loadReview(em, reviewId));
    return actions.map((a) => ({
      ...actionView(a, names),
      reviewNumber: reviews.get(a.reviewId)?.number ?? '',
      reviewMeetingOn: reviews.get(a.reviewId)?.meetingOn ?? '',
    }));
  }
}

function summary(review: ManagementReviewRecord, names: Map<string, string>): ManagementReviewSummaryView {
  return {
    ...review,
    scheduledByName: names.get(review.scheduledBy) ?? review.scheduledBy,
    packReady: review.packAssembledRound === review.packRound,
  };
}

function actionView(action: ReviewActionRecord, names: Map<string, string>): ReviewActionView {
  return {
    ...action,
    ownerName: names.get(action.ownerId) ?? action.ownerId,
    overdue: action.doneAt === null && action.dueAt.getTime() < Date.now(),
  };
}
