import { hasRole, useMe } from '../../app/session';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { FeedbackPanel } from './FeedbackPanel';
import { ForecastPanel } from './ForecastPanel';
import { PostLaunchReviewsPanel } from './PostLaunchReviewsPanel';
import { useProductMarket } from './queries';
import { ValuePanel } from './ValuePanel';
import './market.css';

/**
 * The market loop of a product in operation: what it realises month by month against the forecast it was approved
 * on, what customers say (which may raise an NC or an opportunity), and its post-launch reviews.
 */
export function MarketSection({ initiativeId, ownerId }: { initiativeId: string; ownerId: string }) {
  const me = useMe();
  const market = useProductMarket(initiativeId);
  if (market.isPending) return <p aria-busy="true">Loading the market…</p>;
  if (market.isError) return <ProblemMessage error={market.error} />;
  const isOwner = ownerId === me.userId;
  return (
    <section className="market" aria-labelledby="market-title" id="market">
      <h2 id="market-title">Market</h2>
      <div className="two-columns">
        <div>
          <ForecastPanel market={market.data} />
          <ValuePanel market={market.data} editable={isOwner} />
        </div>
        <div>
          <PostLaunchReviewsPanel market={market.data} editable={isOwner || hasRole(me, ['leadership'])} />
          <FeedbackPanel
            market={market.data}
            canRaiseNc={hasRole(me, ['quality_head'])}
            canRaiseOpportunity={hasRole(me, ['quality_head', 'innovation_lead'])}
            canLead={hasRole(me, ['innovation_lead'])}
          />
        </div>
      </div>
    </section>
  );
}
